// What an S3 error answer means for the user: turns the HTTP status and the <Error> document of
// Amazon S3, GCS, R2 or an S3-compatible server into a Status that says what to fix (credentials,
// permissions, a missing bucket or key, the bucket's real region), and tells transient failures
// (worth retrying) from permanent ones.
#pragma once

#include <string>

#include "common/http_client.h"
#include "common/status.h"
#include "sources/object_storage/object_url.h"

namespace larder::sources {

// The fields of an S3 <Error> document (empty when absent) and the x-amz-bucket-region header.
struct S3ErrorDetails {
  std::string code;      // "NoSuchKey", "SignatureDoesNotMatch", "PermanentRedirect", …
  std::string message;   // The server's own sentence.
  std::string region;    // <Region>, else x-amz-bucket-region, else from <Endpoint>.
  std::string endpoint;  // <Endpoint> of a PermanentRedirect.
};
S3ErrorDetails ParseS3Error(const IncomingResponse& response);

// The call that failed.
struct S3CallContext {
  std::string action;  // What was being done, for messages: "list", "read", "write".
  std::string bucket;
  std::string key;     // Empty for bucket-level calls.
  std::string object;  // How to name the object or location: "s3://bucket/key".
  std::string region;  // The region the request was signed for.
  std::string access_key_id;
  ObjectStoreProvider provider = ObjectStoreProvider::kAwsS3;
};

// True for answers worth trying again: 5xx, 429, 408, and 400 RequestTimeout.
bool IsTransientS3Answer(const IncomingResponse& response);

// The Status a non-2xx answer means:
//   wrong region (301, PermanentRedirect, AuthorizationHeaderMalformed, a 400 whose
//     x-amz-bucket-region differs)           kInvalidArgument naming the bucket's region
//   403 InvalidAccessKeyId, SignatureDoesNotMatch, expired or bad session tokens, or no code
//                                             kUnauthenticated: the access key or secret is wrong
//   403 RequestTimeTooSkewed                  kFailedPrecondition: the machine's clock is off
//   403 AccessDenied and other codes          kPermissionDenied: the key is valid but not allowed
//   404 NoSuchBucket / NoSuchKey / no code    kNotFound naming the bucket / the object
//   412 PreconditionFailed                    kConflict: the object changed while being read
//   transient answers                         kUnavailable
//   anything else                             kInvalidArgument with the server's code and message
Status S3ErrorStatus(const IncomingResponse& response, const S3CallContext& context);

}  // namespace larder::sources
