// The web UI's files, served by `larder serve` at `/`: the bundle that `npm run build` in web/
// writes (build/ui beside the binary by default, `--ui-dir` otherwise). The UI routes itself in
// the browser, so paths that name no file get its index.html.
#pragma once

#include <string>
#include <string_view>

#include "common/file_system.h"
#include "common/status.h"
#include "server/http_message.h"

namespace larder::server {

// Answers a GET or HEAD request for a file of the UI in `ui_dir` and returns true; returns false,
// leaving `response` untouched, for other methods and for API paths (/api/…), which are not the
// UI's. What it answers:
//   - a file that exists: its bytes, its content type, and caching headers (files under assets/
//     have content-hashed names and are cached for a year; everything else is revalidated); its
//     gzip copy (name.gz beside it) instead when there is one and the client accepts gzip;
//   - a missing path that looks like a file (its last segment has a '.'): 404;
//   - any other path ("/", "/sql", "/warehouse/new"): index.html;
//   - a path that would leave `ui_dir` (".." segments, encoded or not): 404;
//   - `ui_dir` without an index.html: a page saying how to build the UI.
// Thread-safe when `fs` is.
bool ServeUiFile(FileSystem& fs, const std::string& ui_dir, const HttpRequest& request,
                 HttpResponse* response);

// The file a request path names inside the UI folder ("/assets/a.js" -> "assets/a.js"; "/" ->
// ""), percent-decoded. kInvalidArgument for paths that would leave the folder or are not plain
// file names: "." or ".." segments, segments starting with '.', backslashes, NUL bytes, bad
// percent escapes.
Result<std::string> UiRelativePath(std::string_view request_path);

// The Content-Type of a UI file by its extension ("text/javascript; charset=utf-8" for .js);
// "application/octet-stream" for unknown ones.
std::string_view UiContentType(std::string_view file_name);

}  // namespace larder::server
