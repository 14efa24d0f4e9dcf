export declare function isNotFoundPage(key: string, data: unknown): boolean;
/** Next's file-system cache handler with the no-new-404 rule (see cache-handler.mjs). */
declare const RouteCacheHandler: new (ctx: object) => object;
export default RouteCacheHandler;
