import { describe, expect, it } from 'vitest';
import { PROGRESS_AFTER_MS, progressLine, wantsProgress } from '../packages/cli/src/command-line/progress.js';

describe('progress line', () => {
  it('is drawn only on a terminal outside CI', () => {
    expect(wantsProgress(true, {})).toBe(true);
    expect(wantsProgress(false, {})).toBe(false);
    expect(wantsProgress(true, { CI: 'true' })).toBe(false);
    expect(wantsProgress(true, { CI: '1' })).toBe(false);
    expect(wantsProgress(true, { CI: 'false' })).toBe(true);
    expect(wantsProgress(true, { CI: '' })).toBe(true);
  });

  it('says nothing during a short run', () => {
    const written: string[] = [];
    let t = 0;
    const line = progressLine(
      (s) => written.push(s),
      () => t,
    );
    t = PROGRESS_AFTER_MS - 1;
    line.update({ files: 1, totalFiles: 2, resources: 5 });
    line.done();
    expect(written).toEqual([]);
  });

  it('shows files, resources and time in a long run, redrawn at most every 200 ms, and erases itself', () => {
    const written: string[] = [];
    let t = 0;
    const line = progressLine(
      (s) => written.push(s),
      () => t,
    );
    t = 1500;
    line.update({ files: 3, totalFiles: 1200, resources: 4500 });
    t = 1600;
    line.update({ files: 4, totalFiles: 1200, resources: 4600 });
    t = 1800;
    line.update({ files: 5, totalFiles: 1200, resources: 4700 });
    line.done();
    expect(written).toEqual([
      '\r\x1b[Kkubecomply: 3/1,200 files, 4,500 resources, 1.5 s',
      '\r\x1b[Kkubecomply: 5/1,200 files, 4,700 resources, 1.8 s',
      '\r\x1b[K',
    ]);
  });
});
