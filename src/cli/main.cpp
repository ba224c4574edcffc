// The `larder` command: parses the command line and runs a subcommand (cli/commands.h).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "common/allocator.h"
#include "common/logging.h"

namespace larder::cli {
namespace {

std::string DefaultDataDir() {
  const char* env = std::getenv("LARDER_DATA");
  return env && *env ? env : "./larder-data";
}

int Finish(const Status& status) {
  if (status.ok()) return 0;
  std::fprintf(stderr, "larder: %s\n", status.ToString().c_str());
  return ExitCodeFor(status);
}

int Main(int argc, char** argv) {
  CLI::App app{"Larder: a data warehouse for product analytics.", "larder"};
  app.set_version_flag("--version", std::string("larder ") + LARDER_VERSION);
  app.require_subcommand(0, 1);
  GlobalOptions global{DefaultDataDir()};
  std::string log_level = "warning";
  app.add_option("--data", global.data_dir, "Data directory (env LARDER_DATA)")
      ->capture_default_str();
  app.add_option("--log-level", log_level, "debug, info, warning, error or off")
      ->capture_default_str();

  bool with_key = false;
  auto* init = app.add_subcommand("init", "Create the data directory and print the project token");
  init->add_flag("--api-key", with_key, "Also create a personal API key and print it once");
  app.add_subcommand("tables", "List the tables with their rows, parts and size");
  std::string table;
  auto* describe = app.add_subcommand("describe", "Show a table's columns, sort key and storage");
  describe->add_option("table", table, "Table name")->required();
  HeadOptions head;
  auto* head_cmd = app.add_subcommand("head", "Print the first rows of a table");
  head_cmd->add_option("table", head.table, "Table name")->required();
  head_cmd->add_option("-n,--rows", head.rows, "Rows to print")->capture_default_str();
  head_cmd->add_option("--format", head.format, "table, csv, json or jsonl")->capture_default_str();
  auto* verify = app.add_subcommand("verify", "Read every block and verify its checksum");
  verify->add_option("table", table, "Table name (default: every table)");
  auto* compact = app.add_subcommand("compact", "Merge a table's small parts");
  compact->add_option("table", table, "Table name")->required();
  auto* keys = app.add_subcommand("keys", "Personal API keys");
  keys->require_subcommand(1);
  std::string label;
  int64_t key_project = 0;
  auto* keys_create = keys->add_subcommand("create", "Create a key and print it once");
  keys_create->add_option("label", label, "What the key is for")->required();
  keys_create->add_option("--project", key_project,
                          "The project the key may use (default: the first project)");
  auto* projects = app.add_subcommand("projects", "Projects: each has its own token and tables");
  projects->require_subcommand(1);
  ProjectCreateOptions project_create;
  auto* projects_create = projects->add_subcommand("create", "Create a project, print its token");
  projects_create->add_option("name", project_create.name, "The project's name")->required();
  projects_create->add_option("--timezone", project_create.timezone, "An IANA time zone")
      ->capture_default_str();
  auto* projects_list = projects->add_subcommand("list", "List projects with their tokens");
  SourcesOptions src;
  auto* sources_cmd = app.add_subcommand("sources", "Linked databases and how their tables sync");
  sources_cmd->require_subcommand(1);
  auto* sources_create = sources_cmd->add_subcommand(
      "create", "Link a source: check its credentials and list its tables");
  sources_create->add_option("type", src.source_type, "postgres, mysql or bucket")->required();
  sources_create->add_option("--set", src.settings,
                             "NAME=VALUE: host, port, database, user, password, schema, sslmode; "
                             "for buckets url, format, table, access_key_id, secret_access_key, …");
  sources_create->add_option("--prefix", src.prefix, "Prepended to the table names");
  sources_create->add_option("--project", src.project_id, "Project id (default: the first)");
  sources_create->add_option("--enable", src.enabled,
                             "A table to sync from the start (repeatable)");
  sources_create->add_option("--frequency", src.frequency, "never, 5min, …, 6hour, …, 30day");
  auto* sources_tables = sources_cmd->add_subcommand(
      "tables", "Check a database's credentials and list its tables, without linking it");
  sources_tables->add_option("type", src.source_type, "postgres or mysql")->required();
  sources_tables->add_option("--set", src.settings, "A connection setting NAME=VALUE");
  auto* sources_list = sources_cmd->add_subcommand("list", "Sources with their status");
  sources_list->add_option("--project", src.project_id, "Project id (default: the first)");
  auto* sources_show = sources_cmd->add_subcommand("show", "A source's tables and how they sync");
  sources_show->add_option("source", src.id, "Source id")->required();
  auto* sources_configure =
      sources_cmd->add_subcommand("configure", "Choose how one table (schema) syncs");
  sources_configure->add_option("schema", src.id, "Schema id (see sources show)")->required();
  sources_configure->add_flag("--enable", src.enable, "Sync this table");
  sources_configure->add_flag("--disable", src.disable, "Stop syncing this table");
  sources_configure->add_option("--sync-type", src.sync_type, "full_refresh, append, incremental");
  sources_configure->add_option("--key", src.key, "The replication key column");
  sources_configure->add_option("--frequency", src.frequency, "never, 5min, …, 6hour, …, 30day");
  sources_configure->add_option("--time-of-day", src.time_of_day,
                                "HH:MM (UTC) the runs are anchored at; none to clear");
  auto* sources_sync = sources_cmd->add_subcommand("sync", "Sync one table now");
  sources_sync->add_option("schema", src.id, "Schema id")->required();
  sources_sync->add_flag("--resync", src.resync,
                         "Forget the cursor and load the whole table again, swapped in atomically");
  auto* sources_jobs = sources_cmd->add_subcommand("jobs", "A table's sync history");
  sources_jobs->add_option("schema", src.id, "Schema id")->required();
  auto* sources_delete =
      sources_cmd->add_subcommand("delete", "Unlink a source and drop its synced tables");
  sources_delete->add_option("source", src.id, "Source id")->required();
  auto* sources_delete_data = sources_cmd->add_subcommand(
      "delete-data", "Drop one table's synced data; the next sync loads it again");
  sources_delete_data->add_option("schema", src.id, "Schema id")->required();
  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand(
      "serve", "Run the HTTP server: capture, query and sources APIs, and scheduled syncs");
  serve_cmd->add_option("--host", serve.host, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "Port (0: any free port)")->capture_default_str();
  serve_cmd
      ->add_option("--flush-interval-ms", serve.flush_interval_ms,
                   "How often accepted events are committed to the events table")
      ->capture_default_str();
  serve_cmd
      ->add_option("--query-timeout-ms", serve.query_timeout_ms, "Queries running longer get 504")
      ->capture_default_str();
  serve_cmd->add_option("--max-body-mb", serve.max_body_mb, "Largest request body accepted")
      ->capture_default_str();
  serve_cmd->add_option("--access-log", serve.access_log, "A file, - (stderr) or off")
      ->capture_default_str();
  serve_cmd->add_option("--max-sync-jobs", serve.max_sync_jobs, "Sync jobs running at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve_cmd->add_option("--sync-webhook", serve.sync_webhook,
                        "A URL POSTed a JSON description of each failed sync job");
  serve_cmd->add_flag("--deny-private-networks", serve.deny_private_networks,
                      "Refuse sources and buckets on loopback, private or link-local addresses");
  serve_cmd->add_option("--file-root", serve.file_roots,
                        "A folder file:// sources may read (repeatable; none by default)");
  serve_cmd
      ->add_option("--sync-checkpoint-rows", serve.sync_checkpoint_rows,
                   "Append and incremental syncs commit data and cursor every this many rows")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  serve_cmd->add_flag("--no-scheduler", serve.no_scheduler,
                      "Do not start scheduled syncs (reload and resync still run)");
  serve_cmd->add_flag("--demo", serve.demo,
                      "First fill the default project with sample events and persons");
  serve_cmd->add_option("--demo-events", serve.demo_events, "Sample events for --demo")
      ->capture_default_str();
  serve_cmd->add_option("--ui-dir", serve.ui_dir,
                        "The web UI's built files, served at / (default: ui beside the binary)");
  auto* keys_list = keys->add_subcommand("list", "List keys (masked)");
  ParseOptions parse;
  auto* parse_cmd = app.add_subcommand("parse", "Print a HogQL query's syntax tree as JSON");
  parse_cmd->add_option("query", parse.query, "The query (or expression with --expr)");
  parse_cmd->add_flag("--expr", parse.expression, "Parse an expression instead of a SELECT");
  parse_cmd->add_flag("--batch", parse.batch,
                      "Read JSON lines {\"kind\":\"select\"|\"expr\",\"query\":…} from stdin");
  QueryOptions query;
  auto* query_cmd = app.add_subcommand("query", "Run a HogQL query (--explain: print its plan)");
  query_cmd->add_option("query", query.query, "The HogQL query, or - to read it from stdin")
      ->required();
  query_cmd
      ->add_option("--max-memory", query.max_memory_mb,
                   "Memory limit for the query's operators, in MiB (0: none)")
      ->capture_default_str();
  query_cmd->add_option("--format", query.format, "table, csv, json or jsonl")
      ->capture_default_str();
  query_cmd->add_flag("--explain", query.explain, "Print the logical plan instead of running");
  query_cmd->add_option("--project", query.project_id, "Project id (default: the first)");
  ImportOptions import;
  auto* import_cmd = app.add_subcommand(
      "import",
      "Load CSV, JSON-lines or Parquet files into a table (created, appended to, or replaced)");
  import_cmd
      ->add_option("NAME FILE", import.arguments,
                   "The table to create, append to or replace, then the files (.csv, .tsv, "
                   ".jsonl, .ndjson, .json, .parquet)")
      ->required();
  import_cmd->add_option("--format", import.format,
                         "csv, tsv, jsonl or parquet (default: from each file's extension)");
  import_cmd
      ->add_option("--column", import.columns,
                   "NAME:TYPE instead of the inferred type, e.g. zip:String (repeatable)")
      ->allow_extra_args(false);
  import_cmd->add_flag("--replace", import.replace,
                       "Replace the table's rows in one atomic swap instead of appending");
  import_cmd->add_flag("--events", import.events,
                       "The arguments are files of PostHog events (JSON lines) for `events`");
  import_cmd->add_option("--project", import.project_id, "Project id (default: the first)");
  LinkOptions link;
  auto* link_cmd = app.add_subcommand(
      "link", "Link files in a bucket or folder as a table read in place at every query");
  link_cmd->add_option("name", link.name, "The table's name")->required();
  link_cmd->add_option("url", link.url, "s3://bucket/path/*.parquet, gs://…, https://…, file:///…")
      ->required();
  link_cmd->add_option("--format", link.format,
                       "CSV, CSVWithNames, JSONEachRow or Parquet (default: from the extension)");
  link_cmd->add_option("--set", link.settings,
                       "NAME=VALUE: access_key_id, secret_access_key, session_token, region, "
                       "endpoint");
  link_cmd->add_option("--column", link.columns, "name:Type, to override an inferred type");
  link_cmd->add_option("--project", link.project_id, "Project id (default: the first)");
  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo", "Load sample events and run sample queries");
  demo_cmd->add_option("--events", demo.events, "Sample events to load")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "larder: %s\nRun 'larder --help' for usage.\n", e.what());
    return 2;
  }
  LogLevel level;
  if (!ParseLogLevel(log_level, &level)) {
    std::fprintf(stderr, "larder: --log-level must be debug, info, warning, error or off\n");
    return 2;
  }
  SetLogLevel(level);
  if (app.get_subcommands().empty()) {
    std::fprintf(stderr, "larder: a subcommand is required\n%s", app.help().c_str());
    return 2;
  }

  if (init->parsed()) return Finish(RunInit(global, with_key));
  if (app.got_subcommand("tables")) return Finish(RunTables(global));
  if (describe->parsed()) return Finish(RunDescribe(global, table));
  if (head_cmd->parsed()) return Finish(RunHead(global, head));
  if (verify->parsed()) return Finish(RunVerify(global, table));
  if (compact->parsed()) return Finish(RunCompact(global, table));
  if (keys_create->parsed()) return Finish(RunKeysCreate(global, label, key_project));
  if (projects_create->parsed()) return Finish(RunProjectsCreate(global, project_create));
  if (projects_list->parsed()) return Finish(RunProjectsList(global));
  if (serve_cmd->parsed()) return Finish(RunServe(global, serve));
  if (sources_create->parsed()) return Finish(RunSourcesCreate(global, src));
  if (sources_list->parsed()) return Finish(RunSourcesList(global, src));
  if (sources_show->parsed()) return Finish(RunSourcesShow(global, src));
  if (sources_configure->parsed()) return Finish(RunSourcesConfigure(global, src));
  if (sources_sync->parsed()) return Finish(RunSourcesSync(global, src));
  if (sources_jobs->parsed()) return Finish(RunSourcesJobs(global, src));
  if (sources_tables->parsed()) return Finish(RunSourcesTables(src));
  if (sources_delete->parsed()) return Finish(RunSourcesDelete(global, src));
  if (sources_delete_data->parsed()) return Finish(RunSourcesDeleteData(global, src));
  if (keys_list->parsed()) return Finish(RunKeysList(global));
  if (demo_cmd->parsed()) return Finish(RunDemo(global, demo));
  if (import_cmd->parsed()) return Finish(RunImport(global, import));
  if (link_cmd->parsed()) return Finish(RunLink(global, link));
  if (query_cmd->parsed()) return Finish(RunQuery(global, query));
  if (parse_cmd->parsed()) {
    if (!parse.batch && parse.query.empty()) {
      std::fprintf(stderr, "larder: parse needs a query (or --batch)\n");
      return 2;
    }
    return Finish(RunParse(parse));
  }
  return 2;
}

}  // namespace
}  // namespace larder::cli

int main(int argc, char** argv) {
  larder::ConfigureAllocator(argv);
  return larder::cli::Main(argc, argv);
}
