// The PostgreSQL source: discovers the tables and views of one schema through pg_catalog and
// reads them with COPY … TO STDOUT (text format) inside a REPEATABLE READ READ ONLY transaction.
#pragma once

#include <memory>

#include "common/status.h"
#include "sources/source.h"

namespace larder::sources {

// Opens a Postgres source without connecting yet (Check() connects). Settings:
//   host      required
//   port      default 5432
//   database  required
//   user      required
//   password  default none
//   schema    default "public"
//   sslmode   default "prefer" (libpq's disable, allow, prefer, require, verify-ca, verify-full)
// Fails with kInvalidArgument when a required setting is missing or the port is not a number.
// Types map as sources/postgres/pg_types.h describes. An incremental read selects
// `cursor_column >= cursor` ORDER BY cursor_column; rows whose cursor column is NULL come only
// in a read without a cursor value (the first one), after all others. Each call opens its own
// connection: calls may run concurrently and never share a transaction.
Result<std::unique_ptr<Source>> OpenPostgresSource(const SourceConfig& config);

}  // namespace larder::sources
