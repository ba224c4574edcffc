#include "server/http_message.h"

#include "common/json.h"

namespace larder::server {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

namespace {

std::string_view ErrorType(int status) {
  if (status == 401) return "authentication_error";
  if (status == 403 || status == 404) return "invalid_request";
  if (status >= 500) return "server_error";
  return "validation_error";
}

}  // namespace

std::string ErrorBody(int status, std::string_view code, std::string_view detail) {
  Json body = Json::MakeObject();
  body["type"] = ErrorType(status);
  body["code"] = code;
  body["detail"] = detail;
  body["attr"] = nullptr;
  return body.Serialize();
}

void SetError(HttpResponse* response, int status, std::string_view code, std::string_view detail) {
  response->status = status;
  response->content_type = "application/json";
  response->body = ErrorBody(status, code, detail);
}

void SetJson(HttpResponse* response, const Json& json, int status) {
  response->status = status;
  response->body = json.Serialize();
}

Json Page(Json results, size_t count) {
  Json page = Json::MakeObject();
  page["count"] = static_cast<int64_t>(count);
  page["next"] = nullptr;
  page["previous"] = nullptr;
  page["results"] = std::move(results);
  return page;
}

}  // namespace larder::server
