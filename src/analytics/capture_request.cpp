#include "analytics/capture_request.h"

#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/capture_payload.h"
#include "analytics/capture_timestamp.h"
#include "analytics/json_syntax_check.h"
#include "analytics/uuid_v7.h"
#include "common/json.h"
#include "types/value.h"

namespace larder::analytics {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Event names and distinct ids are cut to this many characters, as PostHog cuts them.
constexpr size_t kMaxNameChars = 200;
// A thread's parser that grew past this for one big request is dropped afterwards.
constexpr size_t kParserCapacityToKeep = 8 << 20;
// Quoted client values in messages are cut to this many bytes.
constexpr size_t kMaxQuotedBytes = 64;

// One DOM parser per thread, reused across requests: its buffers are the costly part.
simdjson::dom::parser& ThreadParser(int max_depth) {
  thread_local std::unique_ptr<simdjson::dom::parser> parser;
  size_t depth = static_cast<size_t>(std::max(max_depth, 1));
  if (!parser || parser->max_depth() != depth || parser->capacity() > kParserCapacityToKeep) {
    parser = std::make_unique<simdjson::dom::parser>();
    if (parser->allocate(simdjson::dom::MINIMAL_DOCUMENT_CAPACITY, depth) != simdjson::SUCCESS) {
      parser.reset();
      parser = std::make_unique<simdjson::dom::parser>();
    }
  }
  return *parser;
}

// Minified JSON of `value` (an element or an object). Reuses one buffer per thread.
template <typename T>
std::string Minify(T value) {
  thread_local simdjson::internal::string_builder<> builder;
  builder.clear();
  builder.append(value);
  return std::string(builder.str());
}

std::string Quote(std::string_view text) {
  std::string quoted;
  AppendJsonString(text.substr(0, kMaxQuotedBytes), &quoted);
  if (text.size() > kMaxQuotedBytes) quoted.insert(quoted.size() - 1, "…");
  return quoted;
}

std::string_view TypeName(element value) {
  switch (value.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a JSON value";
}

template <typename... Args>
Status EventError(size_t index, fmt::format_string<Args...> format, Args&&... args) {
  return InvalidArgument("event {}: {}", index, fmt::format(format, std::forward<Args>(args)...));
}

Status WrongType(size_t index, std::string_view field, std::string_view expected, element value) {
  return EventError(index, "\"{}\" must be {}, not {}", field, expected, TypeName(value));
}

Status JsonError(std::string_view json, simdjson::error_code error, int max_depth) {
  switch (error) {
    case simdjson::DEPTH_ERROR:
      return InvalidArgument("the JSON nests deeper than {} levels", max_depth);
    case simdjson::UTF8_ERROR: {
      std::optional<size_t> offset = FindInvalidUtf8(json);
      return InvalidArgument("the payload is not valid UTF-8 (at byte {})", offset.value_or(0));
    }
    case simdjson::EMPTY:
      return InvalidArgument("the payload is empty or only whitespace: send a JSON event");
    case simdjson::MEMALLOC:
    case simdjson::CAPACITY:
      return ResourceExhausted("the payload is too large to parse ({} bytes)", json.size());
    default:
      break;
  }
  std::optional<JsonSyntaxError> syntax = FindJsonSyntaxError(json);
  if (syntax) return InvalidArgument("invalid JSON at byte {}: {}", syntax->offset, syntax->what);
  return InvalidArgument("invalid JSON: {}", simdjson::error_message(error));
}

// The text of a name-like value (distinct id, alias, group key) as PostHog makes it: a string as
// it is, anything else as its JSON; NUL becomes U+FFFD; cut to 200 characters.
std::string NameText(element value) {
  std::string text;
  std::string_view string_value;
  if (value.get_string().get(string_value) == simdjson::SUCCESS) {
    text.assign(string_value);
  } else {
    text = Minify(value);
  }
  for (size_t pos = text.find('\0'); pos != std::string::npos; pos = text.find('\0', pos + 3)) {
    text.replace(pos, 1, "\xEF\xBF\xBD");
  }
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == kMaxNameChars) {
      text.resize(i);
      break;
    }
  }
  return text;
}

bool IsNull(std::optional<element> value) {
  return !value || value->type() == element_type::NULL_VALUE;
}

// A time field: an ISO 8601 (or numeric) string, or a number of Unix milliseconds.
Result<std::optional<int64_t>> ReadTime(size_t index, std::string_view field, element value) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return ParseCaptureTime(text);
  double millis;
  if (value.is_number() && value.get_double().get(millis) == simdjson::SUCCESS) {
    if (!(millis > -1e16 && millis < 1e16)) return std::optional<int64_t>();
    return std::optional<int64_t>(static_cast<int64_t>(millis * 1000));
  }
  return WrongType(index, field, "an ISO 8601 string or a number of milliseconds", value);
}

// The top-level fields of one event object that capture reads.
struct EventFields {
  std::optional<element> event;
  std::optional<element> distinct_id;
  std::optional<element> properties;
  std::optional<element> timestamp;
  std::optional<element> offset;
  std::optional<element> sent_at;
  std::optional<element> uuid;
  std::optional<element> set;
  std::optional<element> set_once;
  std::optional<element> unset;
  std::optional<element> token;
  std::optional<element> elements_chain;
};

EventFields ReadEventFields(object event) {
  EventFields fields;
  for (auto [key, value] : event) {
    if (key == "event") {
      fields.event = value;
    } else if (key == "distinct_id" || key == "$distinct_id") {
      if (!IsNull(value)) fields.distinct_id = value;
    } else if (key == "properties") {
      fields.properties = value;
    } else if (key == "timestamp") {
      fields.timestamp = value;
    } else if (key == "offset") {
      fields.offset = value;
    } else if (key == "sent_at") {
      fields.sent_at = value;
    } else if (key == "uuid") {
      fields.uuid = value;
    } else if (key == "$set") {
      fields.set = value;
    } else if (key == "$set_once") {
      fields.set_once = value;
    } else if (key == "$unset") {
      fields.unset = value;
    } else if (key == "token" || key == "$token" || key == "api_key") {
      if (!IsNull(value)) fields.token = value;
    } else if (key == "elements_chain") {
      fields.elements_chain = value;
    }
  }
  return fields;
}

// The members of `properties` that capture reads.
struct PropertyFields {
  std::optional<element> token;
  std::optional<element> distinct_id;
  std::optional<element> set;
  std::optional<element> set_once;
  std::optional<element> unset;
  std::optional<element> anon_distinct_id;
  std::optional<element> alias;
  std::optional<element> group_type;
  std::optional<element> group_key;
  std::optional<element> group_set;
  std::optional<element> elements_chain;
  std::optional<element> session_id;
  std::optional<element> window_id;
  bool process_person = true;
  bool ignore_sent_at = false;
};

PropertyFields ReadPropertyFields(object properties) {
  PropertyFields fields;
  for (auto [key, value] : properties) {
    if (key.empty() ||
        (key[0] != '$' && key != "token" && key != "distinct_id" && key != "alias")) {
      continue;
    }
    bool value_bool = false;
    if (key == "token") {
      fields.token = value;
    } else if (key == "distinct_id") {
      if (!IsNull(value)) fields.distinct_id = value;
    } else if (key == "$set") {
      fields.set = value;
    } else if (key == "$set_once") {
      fields.set_once = value;
    } else if (key == "$unset") {
      fields.unset = value;
    } else if (key == "$anon_distinct_id") {
      fields.anon_distinct_id = value;
    } else if (key == "alias") {
      fields.alias = value;
    } else if (key == "$group_type") {
      fields.group_type = value;
    } else if (key == "$group_key") {
      fields.group_key = value;
    } else if (key == "$group_set") {
      fields.group_set = value;
    } else if (key == "$elements_chain") {
      fields.elements_chain = value;
    } else if (key == "$session_id") {
      fields.session_id = value;
    } else if (key == "$window_id") {
      fields.window_id = value;
    } else if (key == "$process_person_profile") {
      if (value.get_bool().get(value_bool) == simdjson::SUCCESS && !value_bool) {
        fields.process_person = false;
      }
    } else if (key == "$ignore_sent_at") {
      fields.ignore_sent_at = value.get_bool().get(value_bool) == simdjson::SUCCESS && value_bool;
    }
  }
  return fields;
}

std::optional<object> AsObject(std::optional<element> value) {
  object result;
  if (!value || value->get_object().get(result) != simdjson::SUCCESS) return std::nullopt;
  return result;
}

std::string_view StringOr(std::optional<element> value, std::string_view fallback) {
  std::string_view text;
  if (!value || value->get_string().get(text) != simdjson::SUCCESS) return fallback;
  return text;
}

void AppendMember(std::string_view key, std::string_view value_json, std::string* out) {
  if (out->back() != '{') out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  out->append(value_json);
}

// `base` with `overrides` laid over it (an override wins on a shared key), minified. Either may
// be absent; empty when both are.
std::string MergeObjects(std::optional<object> base, std::optional<object> overrides) {
  if (!base && !overrides) return std::string();
  if (!base) return Minify(*overrides);
  if (!overrides) return Minify(*base);
  std::string out = "{";
  for (auto [key, value] : *base) {
    element ignored;
    if (overrides->at_key(key).get(ignored) != simdjson::SUCCESS) {
      AppendMember(key, Minify(value), &out);
    }
  }
  for (auto [key, value] : *overrides) AppendMember(key, Minify(value), &out);
  out.push_back('}');
  return out;
}

// The properties as stored: as sent, except that top-level $set / $set_once are merged into
// properties.$set / $set_once (as PostHog's ingestion does).
std::string PropertiesJson(std::optional<object> properties, const CapturedEvent& event,
                           bool top_level_set, bool top_level_set_once) {
  if (!properties && !top_level_set && !top_level_set_once) return "{}";
  if (!top_level_set && !top_level_set_once) return Minify(*properties);
  std::string out = "{";
  bool wrote_set = false;
  bool wrote_set_once = false;
  if (properties) {
    for (auto [key, value] : *properties) {
      if (top_level_set && key == "$set") {
        AppendMember(key, event.set_json, &out);
        wrote_set = true;
      } else if (top_level_set_once && key == "$set_once") {
        AppendMember(key, event.set_once_json, &out);
        wrote_set_once = true;
      } else {
        AppendMember(key, Minify(value), &out);
      }
    }
  }
  if (top_level_set && !wrote_set) AppendMember("$set", event.set_json, &out);
  if (top_level_set_once && !wrote_set_once) AppendMember("$set_once", event.set_once_json, &out);
  out.push_back('}');
  return out;
}

// Adds the names in a $unset value (an array of names, or an object whose keys are the names).
void AppendUnsetNames(std::optional<element> value, std::vector<std::string>* names) {
  if (!value) return;
  auto add = [names](std::string_view name) {
    for (const std::string& existing : *names) {
      if (existing == name) return;
    }
    names->emplace_back(name);
  };
  simdjson::dom::array array;
  object keys;
  if (value->get_array().get(array) == simdjson::SUCCESS) {
    for (element item : array) {
      std::string_view name;
      if (item.get_string().get(name) == simdjson::SUCCESS) add(name);
    }
  } else if (value->get_object().get(keys) == simdjson::SUCCESS) {
    for (auto [key, ignored] : keys) add(key);
  }
}

// Parses a UUID in the forms PostHog's capture accepts: hyphenated, 32 hex digits, in braces,
// or after "urn:uuid:".
bool ParseUuidForms(std::string_view text, Uuid128* uuid) {
  if (text.starts_with("urn:uuid:")) text.remove_prefix(9);
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  }
  if (text.size() != 32) return ParseUuid(text, uuid);
  std::string hyphenated;
  hyphenated.reserve(36);
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) hyphenated.push_back('-');
    hyphenated.push_back(text[i]);
  }
  return ParseUuid(hyphenated, uuid);
}

// What every event of one request shares.
struct RequestContext {
  int64_t now_us = 0;
  std::optional<int64_t> sent_at_us;  // The batch's sent_at, else the query string's.
  bool engage = false;                // /engage: an event without a name is "$identify".
};

// Checks the types of the top-level fields PostHog types strictly.
Status CheckFieldTypes(size_t index, const EventFields& fields) {
  auto check = [index](const std::optional<element>& value, std::string_view name,
                       element_type type, std::string_view expected) -> Status {
    if (IsNull(value) || value->type() == type) return Status::OK();
    return WrongType(index, name, expected, *value);
  };
  LARDER_RETURN_IF_ERROR(check(fields.properties, "properties", element_type::OBJECT, "an object"));
  LARDER_RETURN_IF_ERROR(check(fields.set, "$set", element_type::OBJECT, "an object"));
  LARDER_RETURN_IF_ERROR(check(fields.set_once, "$set_once", element_type::OBJECT, "an object"));
  LARDER_RETURN_IF_ERROR(check(fields.uuid, "uuid", element_type::STRING, "a string"));
  LARDER_RETURN_IF_ERROR(check(fields.token, "token", element_type::STRING, "a string"));
  LARDER_RETURN_IF_ERROR(
      check(fields.elements_chain, "elements_chain", element_type::STRING, "a string"));
  if (!IsNull(fields.offset) && !fields.offset->is_number()) {
    return WrongType(index, "offset", "a number of milliseconds", *fields.offset);
  }
  if (!IsNull(fields.unset) && fields.unset->type() != element_type::ARRAY &&
      fields.unset->type() != element_type::OBJECT) {
    return WrongType(index, "$unset", "an array of property names", *fields.unset);
  }
  return Status::OK();
}

Status ReadEventName(size_t index, const EventFields& fields, const RequestContext& context,
                     CapturedEvent* event) {
  std::string_view name;
  if (IsNull(fields.event)) {
    if (context.engage) {
      event->event = "$identify";
      return Status::OK();
    }
  } else if (fields.event->get_string().get(name) != simdjson::SUCCESS) {
    return WrongType(index, "event", "a string", *fields.event);
  }
  if (name.empty()) {
    return EventError(index, "the event name (\"event\") is missing or empty");
  }
  event->event = NameText(*fields.event);
  return Status::OK();
}

Status ReadUuid(size_t index, const EventFields& fields, const RequestContext& context,
                CapturedEvent* event) {
  std::string_view text = StringOr(fields.uuid, "");
  if (text.empty()) {
    event->uuid = NewUuidV7(context.now_us / 1000);
  } else if (!ParseUuidForms(text, &event->uuid)) {
    return EventError(index, "\"uuid\" is not a valid UUID: {}", Quote(text));
  }
  return Status::OK();
}

Status ReadTimes(size_t index, const EventFields& fields, const PropertyFields& props,
                 const RequestContext& context, CapturedEvent* event) {
  EventTimeInputs inputs;
  if (!IsNull(fields.timestamp)) {
    LARDER_ASSIGN_OR_RETURN(inputs.timestamp_us, ReadTime(index, "timestamp", *fields.timestamp));
  }
  if (!IsNull(fields.sent_at)) {
    LARDER_ASSIGN_OR_RETURN(inputs.sent_at_us, ReadTime(index, "sent_at", *fields.sent_at));
  }
  if (!inputs.sent_at_us) inputs.sent_at_us = context.sent_at_us;
  double offset;
  if (!IsNull(fields.offset) && fields.offset->get_double().get(offset) == simdjson::SUCCESS &&
      offset > -1e15 && offset < 1e15) {
    inputs.offset_ms = static_cast<int64_t>(offset);
  }
  inputs.ignore_sent_at = props.ignore_sent_at;
  event->timestamp_us = ResolveEventTime(inputs, context.now_us);
  event->created_at_us = context.now_us;
  return Status::OK();
}

// Fills the person, group and element fields from the event and its properties.
void ReadPersonFields(const EventFields& fields, const PropertyFields& props,
                      CapturedEvent* event) {
  std::optional<object> top_set = AsObject(fields.set);
  std::optional<object> top_set_once = AsObject(fields.set_once);
  event->set_json = MergeObjects(AsObject(props.set), top_set);
  event->set_once_json = MergeObjects(AsObject(props.set_once), top_set_once);
  AppendUnsetNames(fields.unset, &event->unset);
  AppendUnsetNames(props.unset, &event->unset);
  event->process_person = props.process_person;
  if (event->event == "$identify" && !IsNull(props.anon_distinct_id)) {
    event->anon_distinct_id = NameText(*props.anon_distinct_id);
  } else if (event->event == "$create_alias" && !IsNull(props.alias)) {
    event->alias = NameText(*props.alias);
  } else if (event->event == "$groupidentify") {
    if (!IsNull(props.group_type)) event->group_type = NameText(*props.group_type);
    if (!IsNull(props.group_key)) event->group_key = NameText(*props.group_key);
    if (std::optional<object> group_set = AsObject(props.group_set)) {
      event->group_set_json = Minify(*group_set);
    }
  }
  event->elements_chain = StringOr(fields.elements_chain, StringOr(props.elements_chain, ""));
  event->session_id = StringOr(props.session_id, "");
  event->window_id = StringOr(props.window_id, "");
}

// Decodes one event object. `token` receives the event's own token (top level, else
// properties.token), empty when it has none.
Status ReadEvent(element value, size_t index, const RequestContext& context, CapturedEvent* event,
                 std::string_view* token) {
  object event_object;
  if (value.get_object().get(event_object) != simdjson::SUCCESS) {
    return EventError(index, "must be a JSON object, not {}", TypeName(value));
  }
  EventFields fields = ReadEventFields(event_object);
  LARDER_RETURN_IF_ERROR(CheckFieldTypes(index, fields));
  std::optional<object> properties = AsObject(fields.properties);
  PropertyFields props = properties ? ReadPropertyFields(*properties) : PropertyFields();

  LARDER_RETURN_IF_ERROR(ReadEventName(index, fields, context, event));
  std::optional<element> distinct_id = fields.distinct_id ? fields.distinct_id : props.distinct_id;
  if (distinct_id) event->distinct_id = NameText(*distinct_id);
  if (event->distinct_id.empty()) {
    return EventError(index, "\"distinct_id\" is missing or empty");
  }
  LARDER_RETURN_IF_ERROR(ReadUuid(index, fields, context, event));
  LARDER_RETURN_IF_ERROR(ReadTimes(index, fields, props, context, event));
  ReadPersonFields(fields, props, event);
  event->properties_json = PropertiesJson(properties, *event, AsObject(fields.set).has_value(),
                                          AsObject(fields.set_once).has_value());
  *token = StringOr(fields.token, StringOr(props.token, ""));
  return Status::OK();
}

// The events of a request and what its envelope says.
struct Envelope {
  std::vector<element> events;
  std::optional<element> token;    // The batch's api_key / token.
  std::optional<element> sent_at;  // The batch's sent_at.
};

Result<Envelope> ReadEnvelope(element root) {
  Envelope envelope;
  simdjson::dom::array array;
  object root_object;
  if (root.get_array().get(array) == simdjson::SUCCESS) {
    for (element item : array) envelope.events.push_back(item);
    return envelope;
  }
  if (root.get_object().get(root_object) != simdjson::SUCCESS) {
    return InvalidArgument("the payload must be a JSON object or an array of events, not {}",
                           TypeName(root));
  }
  element batch;
  if (root_object.at_key("batch").get(batch) != simdjson::SUCCESS) {
    envelope.events.push_back(root);  // A single event.
    return envelope;
  }
  if (batch.get_array().get(array) != simdjson::SUCCESS) {
    return InvalidArgument("\"batch\" must be an array of events, not {}", TypeName(batch));
  }
  for (element item : array) envelope.events.push_back(item);
  for (auto [key, value] : root_object) {
    if ((key == "api_key" || key == "token") && !IsNull(value)) envelope.token = value;
    if (key == "sent_at" && !IsNull(value)) envelope.sent_at = value;
  }
  if (envelope.token && envelope.token->type() != element_type::STRING) {
    return InvalidArgument("the batch's \"api_key\" must be a string, not {}",
                           TypeName(*envelope.token));
  }
  return envelope;
}

Status CheckToken(std::string_view token) {
  if (token.empty()) {
    return Status(StatusCode::kUnauthenticated,
                  "no project token: send it as \"api_key\" or \"token\" (or properties.token)");
  }
  if (token.starts_with("phx_")) {
    return Status(StatusCode::kUnauthenticated,
                  "a personal API key (phx_…) was sent as the project token; send the project's "
                  "token (phc_…)");
  }
  return Status::OK();
}

}  // namespace

Result<CaptureBatch> DecodeCapture(const CaptureRequest& request, int64_t now_us,
                                   const CaptureLimits& limits) {
  CapturePayload payload;
  LARDER_RETURN_IF_ERROR(UnwrapCapturePayload(request, limits, &payload));
  simdjson::dom::parser& parser = ThreadParser(limits.max_json_depth);
  element root;
  simdjson::error_code error =
      parser.parse(payload.json.data(), payload.json.size(), true).get(root);
  if (error) return JsonError(payload.json, error, limits.max_json_depth);

  LARDER_ASSIGN_OR_RETURN(Envelope envelope, ReadEnvelope(root));
  if (envelope.events.empty())
    return InvalidArgument("the batch is empty: send at least one event");
  if (envelope.events.size() > limits.max_events) {
    return ResourceExhausted(
        "the request has {} events, over the limit of {}; send smaller batches",
        envelope.events.size(), limits.max_events);
  }

  RequestContext context;
  context.now_us = now_us;
  context.engage = request.path.starts_with("/engage");
  context.sent_at_us = payload.query_sent_at_us;
  std::string_view sent_at_text;
  if (envelope.sent_at) {
    if (envelope.sent_at->get_string().get(sent_at_text) == simdjson::SUCCESS) {
      if (std::optional<int64_t> sent_at = ParseCaptureTime(sent_at_text)) {
        context.sent_at_us = sent_at;
      }
    } else if (double millis; envelope.sent_at->get_double().get(millis) == simdjson::SUCCESS &&
                              millis > 0 && millis < 1e16) {
      context.sent_at_us = static_cast<int64_t>(millis * 1000);
    }
  }

  CaptureBatch batch;
  batch.events.reserve(envelope.events.size());
  std::string_view token = StringOr(envelope.token, "");
  const bool token_from_batch = envelope.token.has_value();
  for (size_t index = 0; index < envelope.events.size(); ++index) {
    CapturedEvent event;
    std::string_view event_token;
    LARDER_RETURN_IF_ERROR(ReadEvent(envelope.events[index], index, context, &event, &event_token));
    if (!token_from_batch && !event_token.empty()) {
      if (!token.empty() && token != event_token) {
        return InvalidArgument("the events of one request carry different tokens ({} and {})",
                               Quote(token), Quote(event_token));
      }
      token = event_token;
    }
    // PostHog drops these browser performance events at capture.
    if (event.event == "$performance_event") continue;
    batch.events.push_back(std::move(event));
  }
  LARDER_RETURN_IF_ERROR(CheckToken(token));
  batch.token = std::string(token);
  return batch;
}

}  // namespace larder::analytics
