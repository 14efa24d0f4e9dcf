export declare function isNotFoundPage(key: string, data: unknown): boolean;
/** Next's file-system cache handler with the no-new-404 rule (see cache-handler.mjs). */
declare const RouteCacheHandler: new (ctx: object) => object;
export default RouteCacheHandler;
export declare const TAGS_KEY: string;
export declare function applyTagExpiry(tag: string, entry: { stale?: number; expired?: number }): void;
export declare function sharedTags(url?: string): {
  url: string;
  ready: Promise<void>;
  publish(tags: string[]): Promise<void>;
  close(): Promise<void>;
} | null;
