// Which hosts a shared server may let its users reach: `larder serve --deny-private-networks`
// refuses source hosts that resolve to loopback, private, link-local or otherwise non-public
// addresses, so a user of a shared server cannot make it probe the network it runs in.
#pragma once

#include <string_view>

#include "common/status.h"

namespace larder {

// True for an IPv4 or IPv6 address in text form that is loopback, private (RFC 1918, unique
// local), link-local, unspecified, carrier-grade NAT, multicast or an IPv4-mapped one of these.
// False for public addresses and for text that is not an address.
bool IsNonPublicAddress(std::string_view address);

// Resolves `host` and fails with kPermissionDenied naming the address when any of its addresses
// is non-public; kUnavailable when it does not resolve.
Status CheckPublicHost(std::string_view host);

}  // namespace larder
