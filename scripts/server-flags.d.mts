export declare const OLD_SPACE_MB: number;
export declare function serverNodeFlags(env?: NodeJS.ProcessEnv): string[];
