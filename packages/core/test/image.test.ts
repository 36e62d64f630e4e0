import { describe, expect, it } from 'vitest';
import { hasRegistryPrefix, isAllowedImage, normalizedImage } from '../src/model/image.js';

describe('normalizedImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['docker.io/nginx', 'docker.io/library/nginx'],
    ['index.docker.io/library/redis:7', 'docker.io/library/redis:7'],
    ['registry.example.com/shop/app:1', 'registry.example.com/shop/app:1'],
    ['localhost/app', 'localhost/app'],
    ['registry:5000/app', 'registry:5000/app'],
  ])('completes %s as %s', (image, full) => {
    expect(normalizedImage(image)).toBe(full);
  });
});

describe('hasRegistryPrefix', () => {
  it('matches a prefix that ends a path component, and no longer name', () => {
    expect(hasRegistryPrefix('registry.example.com/app', 'registry.example.com/')).toBe(true);
    expect(hasRegistryPrefix('registry.example.com/app', 'registry.example.com')).toBe(true);
    expect(hasRegistryPrefix('registry.example.com.attacker.io/app', 'registry.example.com')).toBe(false);
    expect(hasRegistryPrefix('ghcr.io/acme-evil/app', 'ghcr.io/acme')).toBe(false);
    expect(hasRegistryPrefix('ghcr.io/acme/app', 'ghcr.io/acme')).toBe(true);
    expect(hasRegistryPrefix('ghcr.io/acme', 'ghcr.io/acme')).toBe(true);
    expect(hasRegistryPrefix('ghcr.io/acme/app', ' ')).toBe(false);
  });
});

describe('isAllowedImage', () => {
  it('accepts an image as written or as the runtime completes it', () => {
    expect(isAllowedImage('nginx:1.27', ['docker.io/library/'])).toBe(true);
    expect(isAllowedImage('bitnami/redis', ['docker.io/library/'])).toBe(false);
    expect(isAllowedImage('  registry.example.com/app:1 ', ['registry.example.com/'])).toBe(true);
    expect(isAllowedImage('quay.io/x/y', ['registry.example.com/', 'ghcr.io/acme/'])).toBe(false);
  });
});
