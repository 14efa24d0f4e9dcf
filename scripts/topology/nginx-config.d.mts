export declare const SITE_FILE: string;
export declare function findNginx(): string | null;
export declare function siteForTest(
  site: string,
  options: { port: number; upstreamPorts: number[]; cacheDir: string },
): string;
export declare function nginxConfig(options: {
  prefix: string;
  port: number;
  upstreamPorts: number[];
  site?: string;
  /** More directives for the http block (the benchmark's static-file server). */
  extra?: string;
}): string;
export declare function writeNginxConfig(options: {
  prefix: string;
  port: number;
  upstreamPorts: number[];
  extra?: string;
}): {
  nginx: string;
  file: string;
  args: string[];
};
