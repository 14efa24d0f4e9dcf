import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export declare const BODY_LIMIT_BYTES: number;
export declare const UPLOAD_BODY_LIMIT_BYTES: number;
export declare const UPLOAD_PATH: RegExp;
export declare function limitFor(url: string | undefined, limit?: number): number;
export declare function hasBody(headers: IncomingHttpHeaders): boolean;
export declare function declaredOver(headers: IncomingHttpHeaders, limit: number): boolean;
export declare function holdUntilComplete(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  forward: () => void,
): void;
export declare function installBodyLimit(limit?: number): void;
