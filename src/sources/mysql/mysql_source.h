// The MySQL and MariaDB source: discovers the tables and views of one database through
// information_schema and streams them (text protocol, mysql_use_result) inside a
// START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY transaction.
#pragma once

#include <memory>

#include "common/status.h"
#include "sources/source.h"

namespace larder::sources {

// Opens a MySQL / MariaDB source without connecting yet (Check() connects). Settings:
//   host      required; always reached over TCP ("localhost" too, never the local socket)
//   port      default 3306
//   database  required
//   user      required
//   password  default none
//   ssl       default "prefer":
//               disable  plain TCP
//               prefer   TLS when the server offers it, else plain TCP; the certificate is not
//                        checked
//               require  TLS or fail (after the login, which never sends the password in the
//                        clear); the certificate is not checked
//               verify   TLS or fail, with a certificate the system's CAs trust, for this host
// Fails with kInvalidArgument when a required setting is missing, the port is not a number or
// ssl is none of these.
//
// Types map as sources/mysql/mysql_types.h describes. Each session reads with time_zone '+00:00'
// (timestamps arrive in UTC), character set utf8mb4 and an empty sql_mode. A read sees one
// consistent InnoDB snapshot (REPEATABLE READ); tables of engines without transactions (MyISAM)
// are read as they change. An incremental read selects `cursor_column >= cursor` ORDER BY
// cursor_column; rows whose cursor column is NULL come only in a read without a cursor value (the
// first one), after all others. Zero dates, which read as NULL, come where MySQL sorts them:
// '0000-00-00' before every date, '2024-00-00' just before '2024-01-01'. Each call opens its own
// connection: calls may run concurrently and never share a transaction.
Result<std::unique_ptr<Source>> OpenMysqlSource(const SourceConfig& config);

}  // namespace larder::sources
