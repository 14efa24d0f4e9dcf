/**
 * The part of autocannon's API the benchmark uses (the package ships no types).
 */
export type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (
    status: number,
    body: string,
    context: Record<string, unknown>,
    headers: Record<string, string | string[]>,
  ) => void;
};

export type AutocannonClient = {
  setRequests: (requests: AutocannonRequest[]) => void;
};

export type AutocannonOptions = {
  url: string;
  connections?: number;
  duration?: number;
  timeout?: number;
  headers?: Record<string, string>;
  method?: string;
  /** Cycled in order by every connection. */
  requests?: AutocannonRequest[];
  setupClient?: (client: AutocannonClient) => void;
};

export type AutocannonInstance = {
  on(
    event: "response",
    listener: (client: AutocannonClient, statusCode: number, bytes: number, responseTime: number) => void,
  ): void;
  on(event: "done", listener: (result: { errors: number }) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  stop(): void;
};

export type Autocannon = ((options: AutocannonOptions) => AutocannonInstance) & {
  track: (
    instance: AutocannonInstance,
    options: { renderProgressBar?: boolean; renderResultsTable?: boolean; outputStream?: NodeJS.WritableStream },
  ) => void;
};
