declare const __KUBECOMPLY_VERSION__: string;

export const TOOL = { name: 'kubecomply', version: __KUBECOMPLY_VERSION__ };
