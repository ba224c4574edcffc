#include "server/static_route.h"

#include <array>
#include <utility>

namespace larder::server {
namespace {

constexpr std::string_view kIndexFile = "index.html";

// What the UI's pages may load: only their own files and the API of the same server.
constexpr std::string_view kPageSecurityPolicy =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 2 < text.size() ? HexDigit(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
    if (high < 0 || low < 0) return InvalidArgument("bad percent escape in '{}'", text);
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void SetNotFound(const std::string& path, HttpResponse* response) {
  SetError(response, 404, "not_found", "there is nothing at " + path);
}

void SetUiMissing(const std::string& ui_dir, HttpResponse* response) {
  response->status = 404;
  response->content_type = "text/html; charset=utf-8";
  response->SetHeader("Cache-Control", "no-store");
  response->body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Larder</title>"
      "</head><body><h1>Larder's web UI is not built</h1><p><code>larder serve</code> looked for "
      "it in <code>" +
      EscapeHtml(ui_dir) +
      "</code> and found no <code>index.html</code> there.</p><p>Build it with "
      "<code>./scripts/build</code> (which runs <code>npm ci &amp;&amp; npm run build</code> in "
      "<code>web/</code>), or start the server with <code>--ui-dir DIR</code> pointing at a "
      "built UI. The HTTP API under <code>/api/</code> works without it.</p></body></html>\n";
}

// True when the client takes gzip-encoded bodies ("Accept-Encoding: gzip, br"; not "gzip;q=0").
bool AcceptsGzip(const HttpRequest& request) {
  std::string_view accepted = request.Header("accept-encoding");
  size_t at = accepted.find("gzip");
  if (at == std::string_view::npos) return false;
  std::string_view rest = accepted.substr(at + 4);
  while (rest.starts_with(' ')) rest.remove_prefix(1);
  return !(rest.starts_with(";q=0") && !rest.starts_with(";q=0."));
}

// Fills `response` with the file at `path` (which exists), with caching headers for `relative`.
// A gzip copy beside it (`path`.gz, written by the UI's build) is sent to clients that take it.
bool SetFile(FileSystem& fs, const std::string& path, std::string_view relative,
             const HttpRequest& request, HttpResponse* response) {
  const std::string gzipped = path + ".gz";
  const bool has_gzip = fs.FileExists(gzipped);
  const bool send_gzip = has_gzip && AcceptsGzip(request);
  Result<std::string> bytes = fs.ReadFileToString(send_gzip ? gzipped : path);
  if (!bytes.ok()) {
    SetError(response, 500, "internal_error", "cannot read " + path);
    return true;
  }
  response->status = 200;
  response->body = std::move(bytes).value();
  response->content_type = std::string(UiContentType(path));
  response->SetHeader("X-Content-Type-Options", "nosniff");
  if (has_gzip) response->SetHeader("Vary", "Accept-Encoding");
  if (send_gzip) response->SetHeader("Content-Encoding", "gzip");
  if (relative.starts_with("assets/")) {
    response->SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response->SetHeader("Cache-Control", "no-cache");
  }
  if (path.ends_with(".html")) {
    response->SetHeader("Content-Security-Policy", std::string(kPageSecurityPolicy));
    response->SetHeader("Referrer-Policy", "no-referrer");
  }
  return true;
}

}  // namespace

Result<std::string> UiRelativePath(std::string_view request_path) {
  LARDER_ASSIGN_OR_RETURN(std::string decoded, PercentDecode(request_path));
  std::string relative;
  std::string_view rest = decoded;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment.starts_with('.') || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return InvalidArgument("'{}' is not a file of the web UI", request_path);
    }
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  return relative;
}

std::string_view UiContentType(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (file_name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

bool ServeUiFile(FileSystem& fs, const std::string& ui_dir, const HttpRequest& request,
                 HttpResponse* response) {
  if (request.method != "GET" && request.method != "HEAD") return false;
  const std::string& path = request.path;
  if (path == "/api" || path.starts_with("/api/")) return false;
  Result<std::string> relative = UiRelativePath(path);
  if (!relative.ok()) {
    SetNotFound(path, response);
    return true;
  }
  const std::string index = JoinPath(ui_dir, kIndexFile);
  if (ui_dir.empty() || !fs.FileExists(index)) {
    SetUiMissing(ui_dir, response);
    return true;
  }
  if (!relative->empty()) {
    std::string file = JoinPath(ui_dir, *relative);
    if (fs.FileExists(file)) return SetFile(fs, file, *relative, request, response);
    if (BaseName(*relative).find('.') != std::string_view::npos) {
      SetNotFound(path, response);
      return true;
    }
  }
  return SetFile(fs, index, kIndexFile, request, response);
}

}  // namespace larder::server
