#include "common/network_policy.h"

#include <gtest/gtest.h>

namespace larder {
namespace {

TEST(NetworkPolicyTest, ClassifiesAddresses) {
  for (std::string_view address :
       {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "ff02::1"}) {
    EXPECT_TRUE(IsNonPublicAddress(address)) << address;
  }
  for (std::string_view address : {"8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1",
                                   "2001:4860:4860::8888", "::ffff:8.8.8.8", "not-an-address"}) {
    EXPECT_FALSE(IsNonPublicAddress(address)) << address;
  }
}

TEST(NetworkPolicyTest, RefusesHostsThatResolveToLocalAddresses) {
  for (std::string_view host : {"127.0.0.1", "localhost", "::1", "10.20.30.40"}) {
    Status status = CheckPublicHost(host);
    EXPECT_EQ(status.code(), StatusCode::kPermissionDenied) << host;
    EXPECT_NE(status.message().find("--deny-private-networks"), std::string::npos);
  }
  EXPECT_TRUE(CheckPublicHost("8.8.8.8").ok());  // A literal address resolves without a lookup.
  EXPECT_EQ(CheckPublicHost("no-such-host.invalid").code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace larder
