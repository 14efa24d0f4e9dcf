/**
 * Turns deploy/nginx.conf (a Debian site file) into a whole nginx
 * configuration that an unprivileged user can run from a temporary prefix:
 * the same directives, with the listen port, the upstream servers and the
 * cache folder moved, on 127.0.0.1 only. Used by the topology e2e project and
 * the benchmark, so they test the file operators install.
 */
import fs from "node:fs";
import path from "node:path";

export const SITE_FILE = path.join(process.cwd(), "deploy", "nginx.conf");

/** The nginx binary (Debian puts it in /usr/sbin, often not on a user's PATH), or null. */
export function findNginx() {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, "nginx");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The site file with its port, upstreams and cache folder replaced; throws when a marker is missing. */
export function siteForTest(site, { port, upstreamPorts, cacheDir }) {
  const replace = (text, pattern, value, what) => {
    if (!pattern.test(text)) throw new Error(`deploy/nginx.conf: no ${what} to replace`);
    return text.replace(pattern, value);
  };
  let out = site;
  out = replace(
    out,
    /# upstream-servers: begin[\s\S]*?# upstream-servers: end/,
    upstreamPorts.map((p) => `server 127.0.0.1:${p};`).join("\n    "),
    "upstream-servers block",
  );
  out = replace(out, /^\s*listen 80;\s*$/m, `    listen 127.0.0.1:${port};`, "listen 80");
  out = replace(out, /^\s*listen \[::\]:80;\s*$\n?/m, "", "listen [::]:80");
  out = replace(out, /proxy_cache_path \S+/, `proxy_cache_path ${cacheDir}`, "proxy_cache_path");
  return out;
}

/** A whole nginx.conf around the site, everything under `prefix`. */
export function nginxConfig({ prefix, port, upstreamPorts, site = fs.readFileSync(SITE_FILE, "utf8"), extra = "" }) {
  const cacheDir = path.join(prefix, "cache");
  for (const dir of ["cache", "logs", "temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi"]) {
    fs.mkdirSync(path.join(prefix, dir), { recursive: true });
  }
  // As root, nginx would hand its workers to "nobody", who cannot write the temporary prefix.
  const user = typeof process.getuid === "function" && process.getuid() === 0 ? "user root;\n" : "";
  return `# Generated from deploy/nginx.conf for a test run; do not edit.
${user}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path ${prefix}/temp/body;
    proxy_temp_path ${prefix}/temp/proxy;
    fastcgi_temp_path ${prefix}/temp/fastcgi;
    uwsgi_temp_path ${prefix}/temp/uwsgi;
    scgi_temp_path ${prefix}/temp/scgi;
${siteForTest(site, { port, upstreamPorts, cacheDir })}
${extra}
}
`;
}

/** Writes the config under `prefix` and returns the command line that runs nginx in the foreground. */
export function writeNginxConfig(options) {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed: apt-get install -y nginx (.ci/run does this)");
  const file = path.join(options.prefix, "nginx.conf");
  fs.mkdirSync(options.prefix, { recursive: true });
  fs.writeFileSync(file, nginxConfig(options));
  return {
    nginx,
    file,
    args: ["-p", options.prefix, "-c", file, "-e", path.join(options.prefix, "logs", "error.log")],
  };
}
