#include "analytics/person_store.h"

#include <gtest/gtest.h>

#include <map>

#include "catalog/sqlite_db.h"
#include "catalog/test_temp_dir.h"
#include "types/value.h"

namespace larder::analytics {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000'000;  // µs
constexpr int64_t kMinute = 60'000'000;

// Builds CapturedEvents: Event("$pageview", "u1").Set(R"({"a":1})").At(kT0).
struct Event {
  CapturedEvent event;

  Event(std::string name, std::string distinct_id) {
    event.event = std::move(name);
    event.distinct_id = std::move(distinct_id);
    event.properties_json = "{}";
    event.timestamp_us = kT0;
    event.created_at_us = kT0;
  }
  Event& At(int64_t timestamp_us) {
    event.timestamp_us = timestamp_us;
    return *this;
  }
  Event& Set(std::string json) {
    event.set_json = std::move(json);
    return *this;
  }
  Event& SetOnce(std::string json) {
    event.set_once_json = std::move(json);
    return *this;
  }
  Event& Unset(std::vector<std::string> keys) {
    event.unset = std::move(keys);
    return *this;
  }
  Event& Anon(std::string anon_distinct_id) {
    event.anon_distinct_id = std::move(anon_distinct_id);
    return *this;
  }
  Event& Alias(std::string alias) {
    event.alias = std::move(alias);
    return *this;
  }
  Event& Group(std::string type, std::string key, std::string group_set) {
    event.group_type = std::move(type);
    event.group_key = std::move(key);
    event.group_set_json = std::move(group_set);
    return *this;
  }
  Event& Personless() {
    event.process_person = false;
    return *this;
  }
  operator CapturedEvent() const { return event; }  // NOLINT: implicit by design
};

Event Identify(std::string distinct_id, std::string anon_id) {
  return std::move(Event("$identify", std::move(distinct_id)).Anon(std::move(anon_id)));
}

Event CreateAlias(std::string distinct_id, std::string alias) {
  return std::move(Event("$create_alias", std::move(distinct_id)).Alias(std::move(alias)));
}

// One row of the persons snapshot.
struct PersonView {
  int64_t created_at_us = 0;
  std::string properties;
  bool is_identified = false;
};

Uuid128 IdFor(std::string_view distinct_id) { return PersonStore::PersonIdFor(1, distinct_id); }

class PersonStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  std::string path() const { return dir_.File("persons.db"); }

  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<PersonStore>> store = PersonStore::Open(path(), 1, &clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  // Applies `events` as the next sequence number; returns their person ids.
  std::vector<Uuid128> Apply(std::vector<CapturedEvent> events) {
    Result<std::vector<Uuid128>> ids = store_->Apply(events, store_->applied_seq() + 1);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::vector<Uuid128>();
  }

  Uuid128 ApplyOne(CapturedEvent event) { return Apply({std::move(event)}).at(0); }

  std::map<Uuid128, PersonView> Persons() {
    Result<Batch> batch = store_->PersonsBatch();
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    std::map<Uuid128, PersonView> persons;
    if (!batch.ok()) return persons;
    EXPECT_TRUE(batch->Validate().ok());
    for (size_t row = 0; row < batch->num_rows(); ++row) {
      persons[batch->columns[0].data<Uuid128>()[row]] = {
          batch->columns[1].data<int64_t>()[row], std::string(batch->columns[2].GetString(row)),
          batch->columns[3].data<uint8_t>()[row] != 0};
    }
    return persons;
  }

  PersonView PersonOf(std::string_view distinct_id) {
    std::map<std::string, Uuid128> ids = DistinctIds();
    auto it = ids.find(std::string(distinct_id));
    if (it == ids.end()) {
      ADD_FAILURE() << "no person for " << distinct_id;
      return {};
    }
    return Persons()[it->second];
  }

  std::map<std::string, Uuid128> DistinctIds() {
    Result<Batch> batch = store_->DistinctIdsBatch();
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    std::map<std::string, Uuid128> ids;
    if (!batch.ok()) return ids;
    EXPECT_TRUE(batch->Validate().ok());
    for (size_t row = 0; row < batch->num_rows(); ++row) {
      ids[std::string(batch->columns[0].GetString(row))] = batch->columns[1].data<Uuid128>()[row];
    }
    return ids;
  }

  // group_key -> (properties, created_at) of groups of `type`.
  std::map<std::string, std::pair<std::string, int64_t>> Groups(std::string_view type) {
    Result<Batch> batch = store_->GroupsBatch();
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    std::map<std::string, std::pair<std::string, int64_t>> groups;
    if (!batch.ok()) return groups;
    EXPECT_TRUE(batch->Validate().ok());
    for (size_t row = 0; row < batch->num_rows(); ++row) {
      if (batch->columns[0].GetString(row) != type) continue;
      groups[std::string(batch->columns[1].GetString(row))] = {
          std::string(batch->columns[2].GetString(row)), batch->columns[3].data<int64_t>()[row]};
    }
    return groups;
  }

  Uuid128 LookupOne(std::string distinct_id) {
    std::vector<CapturedEvent> events = {Event("$pageview", std::move(distinct_id))};
    Result<std::vector<Uuid128>> ids = store_->Lookup(events);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? ids->at(0) : Uuid128{};
  }

  catalog::TestTempDir dir_;
  ManualClock clock_{kT0};
  std::unique_ptr<PersonStore> store_;
};

TEST_F(PersonStoreTest, FirstEventCreatesPersonFromSetAndSetOnce) {
  Uuid128 id = ApplyOne(Event("$pageview", "u1")
                            .At(kT0 + 5)
                            .Set(R"({"email":"a@x.io","plan":"pro"})")
                            .SetOnce(R"({"plan":"free","first_seen":"today"})"));
  EXPECT_EQ(id, IdFor("u1"));
  std::map<Uuid128, PersonView> persons = Persons();
  ASSERT_EQ(persons.size(), 1u);
  EXPECT_EQ(persons[id].created_at_us, kT0 + 5);
  EXPECT_EQ(persons[id].properties, R"({"email":"a@x.io","first_seen":"today","plan":"pro"})");
  EXPECT_FALSE(persons[id].is_identified);
  EXPECT_EQ(DistinctIds(), (std::map<std::string, Uuid128>{{"u1", id}}));
}

TEST_F(PersonStoreTest, LaterEventsKeepThePersonAndItsCreationTime) {
  Uuid128 first = ApplyOne(Event("$pageview", "u1").At(kT0));
  std::vector<Uuid128> later = Apply({Event("$pageview", "u1").At(kT0 + kMinute),
                                      Event("$autocapture", "u1").At(kT0 + 2 * kMinute)});
  EXPECT_EQ(later, (std::vector<Uuid128>{first, first}));
  ASSERT_EQ(Persons().size(), 1u);
  EXPECT_EQ(PersonOf("u1").created_at_us, kT0);
  EXPECT_EQ(PersonOf("u1").properties, "{}");
}

struct PropertyCase {
  std::string name;
  std::string initial_set;  // $set of the event creating the person ("" for none).
  Event update;
  std::string expected;
};

TEST_F(PersonStoreTest, PropertyUpdates) {
  const std::vector<PropertyCase> cases = {
      {"set_overwrites", R"({"a":1,"b":2})", Event("e", "").Set(R"({"a":3})"), R"({"a":3,"b":2})"},
      {"set_adds", R"({"a":1})", Event("e", "").Set(R"({"c":"x"})"), R"({"a":1,"c":"x"})"},
      {"set_once_keeps_existing", R"({"a":1})", Event("e", "").SetOnce(R"({"a":2,"b":3})"),
       R"({"a":1,"b":3})"},
      {"set_once_keeps_existing_null", R"({"a":null})", Event("e", "").SetOnce(R"({"a":2})"),
       R"({"a":null})"},
      {"unset_removes", R"({"a":1,"b":2})", Event("e", "").Unset({"a", "missing"}), R"({"b":2})"},
      {"set_beats_set_once_in_one_event", "",
       Event("e", "").SetOnce(R"({"a":"once"})").Set(R"({"a":"set"})"), R"({"a":"set"})"},
      {"unset_after_set_in_one_event", R"({"a":1})", Event("e", "").Set(R"({"a":2})").Unset({"a"}),
       "{}"},
      {"nested_values_replace_whole", R"({"addr":{"city":"Paris","zip":[75001]}})",
       Event("e", "").Set(R"({"addr":{"city":"Lyon"},"tags":[1,{"x":[true,null]}]})"),
       R"({"addr":{"city":"Lyon"},"tags":[1,{"x":[true,null]}]})"},
      {"whitespace_is_minified", "", Event("e", "").Set(" { \"a\" : [ 1 , { \"b\" : 2 } ] } "),
       R"({"a":[1,{"b":2}]})"},
      {"numbers_keep_their_text", "",
       Event("e", "").Set(R"({"big":123456789012345678901234567890,"f":1.50,"n":-0,"e":2E-3})"),
       R"({"big":123456789012345678901234567890,"e":2E-3,"f":1.50,"n":-0})"},
      {"unicode_keys_and_values", R"({"名前":"José"})",
       Event("e", "").Set(R"({"\u00e9t\u00e9":"\ud83d\ude00 ok","emoji":"😀"})"),
       R"({"emoji":"😀","été":"\ud83d\ude00 ok","名前":"José"})"},
      {"escaped_quotes_in_keys", "", Event("e", "").Set(R"({"a\"b\\c":"q\"\n"})"),
       R"({"a\"b\\c":"q\"\n"})"},
      {"malformed_set_is_ignored", R"({"a":1})", Event("e", "").Set(R"({"a":2)"), R"({"a":1})"},
      {"non_object_set_is_ignored", R"({"a":1})", Event("e", "").Set(R"([1,2])"), R"({"a":1})"},
      {"exception_events_change_no_person", R"({"a":1})", Event("$exception", "").Set(R"({"a":2})"),
       R"({"a":1})"},
  };
  for (const PropertyCase& test : cases) {
    SCOPED_TRACE(test.name);
    std::string distinct_id = "user-" + test.name;
    Apply({Event("$pageview", distinct_id).Set(test.initial_set)});
    CapturedEvent update = test.update;
    update.distinct_id = distinct_id;
    Uuid128 id = ApplyOne(update);
    EXPECT_EQ(id, IdFor(distinct_id));
    EXPECT_EQ(PersonOf(distinct_id).properties, test.expected);
  }
}

TEST_F(PersonStoreTest, SetOnceOnlyOnNewPersonAppliesAllKeys) {
  ApplyOne(Event("$pageview", "u1").SetOnce(R"({"a":1})").Unset({"zzz"}));
  EXPECT_EQ(PersonOf("u1").properties, R"({"a":1})");
}

struct IdentifyCase {
  std::string name;
  std::vector<Event> before;  // Applied first, one Apply.
  Event identify;             // Distinct id "user"; the other id "anon".
  bool one_person;            // "user" and "anon" belong to the same person after it.
  std::string kept_id_of;     // The distinct id whose PersonIdFor the person has.
  std::string properties;     // Of the person of "user".
  int64_t created_at_us;      // Of the person of "user".
  size_t persons;             // Persons in the store after it.
};

TEST_F(PersonStoreTest, IdentifyAndAliasCases) {
  const std::vector<IdentifyCase> cases = {
      {"neither_exists",
       {},
       Identify("user", "anon").Set(R"({"email":"u@x.io"})"),
       true,
       "user",
       R"({"email":"u@x.io"})",
       kT0,
       1},
      {"only_anon_exists",
       {Event("$pageview", "anon").At(kT0 - kMinute).Set(R"({"utm":"ad"})")},
       Identify("user", "anon").Set(R"({"email":"u@x.io"})"),
       true,
       "anon",
       R"({"email":"u@x.io","utm":"ad"})",
       kT0 - kMinute,
       1},
      {"only_user_exists",
       {Event("$pageview", "user").At(kT0 - kMinute).Set(R"({"plan":"pro"})")},
       Identify("user", "anon"),
       true,
       "user",
       R"({"plan":"pro"})",
       kT0 - kMinute,
       1},
      {"both_exist_anon_not_identified_merges",
       {Event("$pageview", "anon").At(kT0 - 2 * kMinute).Set(R"({"a":"anon","utm":"ad"})"),
        Event("$pageview", "user").At(kT0 - kMinute).Set(R"({"a":"user","plan":"pro"})")},
       Identify("user", "anon").SetOnce(R"({"utm":"ignored","new":1})"),
       true,
       "user",
       R"({"a":"user","new":1,"plan":"pro","utm":"ad"})",
       kT0 - 2 * kMinute,
       1},
      {"both_exist_anon_identified_no_merge",
       {Identify("anon", "anon-device").At(kT0 - 2 * kMinute).Set(R"({"who":"anon"})"),
        Event("$pageview", "user").At(kT0 - kMinute).Set(R"({"who":"user"})")},
       Identify("user", "anon"),
       false,
       "user",
       R"({"who":"user"})",
       kT0 - kMinute,
       2},
      {"alias_neither_exists", {}, CreateAlias("user", "anon"), true, "user", "{}", kT0, 1},
      {"alias_merges_unidentified",
       {Event("$pageview", "anon").At(kT0 - kMinute).Set(R"({"x":1})"),
        Event("$pageview", "user").Set(R"({"y":2})")},
       CreateAlias("user", "anon"),
       true,
       "user",
       R"({"x":1,"y":2})",
       kT0 - kMinute,
       1},
      {"alias_refuses_identified",
       {Identify("anon", "anon-device").Set(R"({"x":1})"),
        Event("$pageview", "user").Set(R"({"y":2})")},
       CreateAlias("user", "anon"),
       false,
       "user",
       R"({"y":2})",
       kT0,
       2},
  };
  for (const IdentifyCase& test : cases) {
    SCOPED_TRACE(test.name);
    catalog::TestTempDir dir;
    Result<std::unique_ptr<PersonStore>> opened = PersonStore::Open(dir.File("p.db"), 1, &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    if (!test.before.empty())
      Apply(std::vector<CapturedEvent>(test.before.begin(), test.before.end()));

    Uuid128 id = ApplyOne(test.identify);
    std::map<std::string, Uuid128> ids = DistinctIds();
    EXPECT_EQ(id, ids["user"]);
    EXPECT_EQ(id, IdFor(test.kept_id_of));
    EXPECT_EQ(ids["user"] == ids["anon"], test.one_person);
    EXPECT_EQ(Persons().size(), test.persons);
    PersonView person = PersonOf("user");
    EXPECT_EQ(person.properties, test.properties);
    EXPECT_EQ(person.created_at_us, test.created_at_us);
    EXPECT_TRUE(person.is_identified);
    // The same answers come from the cache, from Lookup and after reopening.
    EXPECT_EQ(ApplyOne(Event("$pageview", "anon")), ids["anon"]);
    EXPECT_EQ(LookupOne("anon"), ids["anon"]);
    std::unique_ptr<PersonStore> reopened =
        std::move(PersonStore::Open(dir.File("p.db"), 1, &clock_)).value();
    std::vector<CapturedEvent> lookups = {Event("$pageview", "anon"), Event("$pageview", "user")};
    EXPECT_EQ(*reopened->Lookup(lookups), (std::vector<Uuid128>{ids["anon"], ids["user"]}));
    store_.reset();
  }
}

TEST_F(PersonStoreTest, IdentifyWithoutJoiningCases) {
  struct Case {
    std::string name;
    Event identify;
  };
  const std::vector<Case> cases = {
      {"same_id", Identify("user", "user")},
      {"illegal_anon_id", Identify("user", "undefined")},
      {"illegal_quoted_anon_id", Identify("user", "\"null\"")},
      {"illegal_any_case", Identify("user", "AnOnYmOuS")},
      {"blank_anon_id", Identify("user", "  ")},
      {"illegal_distinct_id", Identify("guest", "anon")},
      {"no_anon_id", Event("$identify", "user")},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    catalog::TestTempDir dir;
    store_ = std::move(PersonStore::Open(dir.File("p.db"), 1, &clock_)).value();
    Uuid128 id = ApplyOne(test.identify);
    EXPECT_EQ(id, IdFor(test.identify.event.distinct_id));
    EXPECT_EQ(DistinctIds().size(), 1u);
    EXPECT_FALSE(Persons()[id].is_identified);
    store_.reset();
  }
}

TEST_F(PersonStoreTest, MergeMovesEveryDistinctIdAndDeletesTheOtherPerson) {
  // Person A has a1 and a2 (identified); person B has b. $merge_dangerously merges even an
  // identified person, into the person of the event's distinct id.
  Apply({Identify("a2", "a1").At(kT0 - kMinute).Set(R"({"k":"a","only_a":1})"),
         Event("$pageview", "b").Set(R"({"k":"b"})")});
  ASSERT_EQ(Persons().size(), 2u);
  std::vector<Uuid128> ids =
      Apply({Event("$merge_dangerously", "b").Alias("a1"), Event("$pageview", "a2"),
             Event("$pageview", "a1").Set(R"({"after":true})")});
  EXPECT_EQ(ids, (std::vector<Uuid128>{IdFor("b"), IdFor("b"), IdFor("b")}));
  EXPECT_EQ(DistinctIds(), (std::map<std::string, Uuid128>{
                               {"a1", IdFor("b")}, {"a2", IdFor("b")}, {"b", IdFor("b")}}));
  std::map<Uuid128, PersonView> persons = Persons();
  ASSERT_EQ(persons.size(), 1u);
  EXPECT_EQ(persons[IdFor("b")].properties, R"({"after":true,"k":"b","only_a":1})");
  EXPECT_EQ(persons[IdFor("b")].created_at_us, kT0 - kMinute);
  EXPECT_TRUE(persons[IdFor("b")].is_identified);
}

TEST_F(PersonStoreTest, ChainedMergesInOneApply) {
  std::vector<Uuid128> ids = Apply(
      {Event("$pageview", "d1"), Event("$pageview", "d2"), Event("$pageview", "d3"),
       Identify("d2", "d1"), CreateAlias("d3", "d2").Set(R"({"z":1})"), Event("$pageview", "d1")});
  // d2 absorbs d1 and becomes identified, so d3's alias of d2 is refused.
  EXPECT_EQ(ids[3], IdFor("d2"));
  EXPECT_EQ(ids[4], IdFor("d3"));
  EXPECT_EQ(ids[5], IdFor("d2"));
  EXPECT_EQ(Persons().size(), 2u);
  EXPECT_EQ(PersonOf("d3").properties, R"({"z":1})");
  EXPECT_TRUE(PersonOf("d3").is_identified);
}

TEST_F(PersonStoreTest, GroupIdentifyUpsertsGroupProperties) {
  Uuid128 id = ApplyOne(Event("$groupidentify", "u1")
                            .At(kT0 + 1)
                            .Group("company", "acme", R"({"name":"Acme","size":10})"));
  EXPECT_EQ(id, IdFor("u1"));
  EXPECT_EQ(Persons().size(), 1u);
  ApplyOne(Event("$groupidentify", "u2")
               .At(kT0 + 2)
               .Group("company", "acme", R"({"size":11,"tier":"gold"})"));
  ApplyOne(Event("$groupidentify", "u2").At(kT0 + 3).Group("company", "globex", ""));
  ApplyOne(Event("$groupidentify", "u3").Group("project", "acme", R"({"p":1})"));
  using GroupMap = std::map<std::string, std::pair<std::string, int64_t>>;
  EXPECT_EQ(Groups("company"),
            (GroupMap{{"acme", {R"({"name":"Acme","size":11,"tier":"gold"})", kT0 + 1}},
                      {"globex", {"{}", kT0 + 3}}}));
  EXPECT_EQ(Groups("project"), (GroupMap{{"acme", {R"({"p":1})", kT0}}}));
}

TEST_F(PersonStoreTest, PersonlessEventsCreateAndChangeNothing) {
  std::vector<Uuid128> ids =
      Apply({Event("$pageview", "ghost").Personless().Set(R"({"a":1})"),
             Identify("ghost", "anon").Personless(),
             Event("$groupidentify", "ghost").Personless().Group("company", "acme", R"({"a":1})")});
  EXPECT_EQ(ids, (std::vector<Uuid128>{IdFor("ghost"), IdFor("ghost"), IdFor("ghost")}));
  EXPECT_TRUE(Persons().empty());
  EXPECT_TRUE(DistinctIds().empty());
  EXPECT_TRUE(Groups("company").empty());

  // An existing person is reported but left as it was.
  Apply({Identify("user", "anon").Set(R"({"a":1})")});
  EXPECT_EQ(ApplyOne(Event("$pageview", "anon").Personless().Set(R"({"a":2})")), IdFor("user"));
  EXPECT_EQ(PersonOf("anon").properties, R"({"a":1})");
}

TEST_F(PersonStoreTest, AppliedSeqIsPersistedAndMustGrow) {
  EXPECT_EQ(store_->applied_seq(), 0u);
  std::vector<CapturedEvent> events = {Event("$pageview", "u1")};
  ASSERT_TRUE(store_->Apply(events, 7).ok());
  ASSERT_TRUE(store_->Apply(std::span<const CapturedEvent>(), 9).ok());
  EXPECT_EQ(store_->applied_seq(), 9u);
  Reopen();
  EXPECT_EQ(store_->applied_seq(), 9u);
  EXPECT_EQ(DistinctIds().size(), 1u);
  Result<std::vector<Uuid128>> again = store_->Apply(events, 9);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->applied_seq(), 9u);
}

TEST_F(PersonStoreTest, RefusesAFileOfAnotherSchemaVersion) {
  store_.reset();
  {
    std::unique_ptr<catalog::SqliteDb> db = std::move(catalog::SqliteDb::Open(path())).value();
    ASSERT_TRUE(db->Exec("UPDATE meta SET value = 99 WHERE key = 'schema_version'").ok());
  }
  Result<std::unique_ptr<PersonStore>> store = PersonStore::Open(path(), 1, &clock_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("schema version 99"), std::string::npos)
      << store.status().ToString();
}

TEST_F(PersonStoreTest, LookupChangesNothing) {
  Apply({Identify("user", "anon")});
  std::vector<CapturedEvent> events = {Event("$pageview", "new").Set(R"({"a":1})"),
                                       Identify("new", "user"), Event("$pageview", "anon")};
  Result<std::vector<Uuid128>> ids = store_->Lookup(events);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(*ids, (std::vector<Uuid128>{IdFor("new"), IdFor("new"), IdFor("user")}));
  EXPECT_EQ(Persons().size(), 1u);
  EXPECT_EQ(DistinctIds().size(), 2u);
  EXPECT_EQ(PersonOf("user").properties, "{}");
  EXPECT_EQ(store_->applied_seq(), 1u);
}

TEST_F(PersonStoreTest, FailedApplyChangesNothing) {
  Apply({Event("$pageview", "anon").Set(R"({"a":1})"), Event("$pageview", "user")});
  // Another connection installs a trigger that fails any write of a person holding "poison",
  // which happens when the Apply writes its persons back, after its distinct id writes.
  {
    std::unique_ptr<catalog::SqliteDb> db = std::move(catalog::SqliteDb::Open(path())).value();
    ASSERT_TRUE(db->Exec(R"sql(
      CREATE TRIGGER poison_insert BEFORE INSERT ON persons WHEN NEW.properties LIKE '%poison%'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
      CREATE TRIGGER poison_update BEFORE UPDATE ON persons WHEN NEW.properties LIKE '%poison%'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END;)sql")
                    .ok());
  }
  std::map<Uuid128, PersonView> persons_before = Persons();
  std::map<std::string, Uuid128> ids_before = DistinctIds();
  std::vector<CapturedEvent> events = {
      Event("$pageview", "new1"), Identify("user", "anon"), Event("$pageview", "anon"),
      Event("$groupidentify", "user").Group("company", "acme", "{}"),
      Event("$pageview", "new2").Set(R"({"p":"poison"})")};
  Result<std::vector<Uuid128>> failed = store_->Apply(events, 2);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("injected failure"), std::string::npos)
      << failed.status().ToString();

  auto expect_unchanged = [&] {
    EXPECT_EQ(store_->applied_seq(), 1u);
    EXPECT_EQ(DistinctIds(), ids_before);
    std::map<Uuid128, PersonView> persons = Persons();
    ASSERT_EQ(persons.size(), persons_before.size());
    EXPECT_EQ(persons[IdFor("anon")].properties, R"({"a":1})");
    EXPECT_FALSE(persons[IdFor("anon")].is_identified);
    EXPECT_TRUE(Groups("company").empty());
    EXPECT_EQ(LookupOne("anon"), IdFor("anon"));  // The rolled-back merge is not cached.
  };
  expect_unchanged();
  Reopen();
  expect_unchanged();

  // Without the poison the same events apply, merging anon into user.
  events.pop_back();
  Result<std::vector<Uuid128>> applied = store_->Apply(events, 2);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied,
            (std::vector<Uuid128>{IdFor("new1"), IdFor("user"), IdFor("user"), IdFor("user")}));
  EXPECT_EQ(PersonOf("anon").properties, R"({"a":1})");
  EXPECT_EQ(Persons().size(), 2u);
}

TEST_F(PersonStoreTest, FailedApplyDoesNotPoisonTheCache) {
  // The failing Apply creates "x" (cached) before failing; a later Apply must create it again.
  {
    std::unique_ptr<catalog::SqliteDb> db = std::move(catalog::SqliteDb::Open(path())).value();
    ASSERT_TRUE(db->Exec("CREATE TRIGGER fail BEFORE INSERT ON persons "
                         "WHEN NEW.properties LIKE '%poison%' "
                         "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                    .ok());
  }
  std::vector<CapturedEvent> failing = {Event("$pageview", "x"),
                                        Event("$pageview", "y").Set(R"({"poison":1})")};
  ASSERT_FALSE(store_->Apply(failing, 1).ok());
  EXPECT_EQ(ApplyOne(Event("$pageview", "x")), IdFor("x"));
  EXPECT_EQ(DistinctIds(), (std::map<std::string, Uuid128>{{"x", IdFor("x")}}));
  EXPECT_EQ(Persons().size(), 1u);
}

TEST_F(PersonStoreTest, PersonIdForIsAVersion5NameBasedUuid) {
  // Expected values: Python's uuid.uuid5(UUID('932979b4-65c3-4424-8467-0b66ec27bc22'),
  // f"{project_id}:{distinct_id}"), as PostHog derives person ids.
  EXPECT_EQ(FormatUuid(IdFor("user-1")), "6931a681-6e90-500d-8294-14582dcc2e3f");
  EXPECT_EQ(FormatUuid(IdFor("")), "a29d8c7e-43ad-58a0-b250-c139a25aa918");
  EXPECT_EQ(FormatUuid(IdFor("é")), "d82b4966-6a69-5cc5-b7f5-b76453d408b4");
  EXPECT_EQ(FormatUuid(PersonStore::PersonIdFor(2, "user-1")),
            "1e7731c8-945c-520d-96b9-e7f088242010");
  EXPECT_EQ(IdFor("user-1"), IdFor("user-1"));
  EXPECT_NE(IdFor("user-1"), IdFor("user-2"));
}

TEST_F(PersonStoreTest, BatchesHaveTheDocumentedSchemas) {
  Apply({Event("$groupidentify", "u1").Group("company", "acme", "{}")});
  Result<Batch> persons = store_->PersonsBatch();
  Result<Batch> distinct_ids = store_->DistinctIdsBatch();
  Result<Batch> groups = store_->GroupsBatch();
  ASSERT_TRUE(persons.ok() && distinct_ids.ok() && groups.ok());
  EXPECT_EQ(persons->schema, (Schema{{{"id", LogicalType::Uuid()},
                                      {"created_at", LogicalType::DateTime()},
                                      {"properties", LogicalType::Json()},
                                      {"is_identified", LogicalType::Bool()}}}));
  EXPECT_EQ(distinct_ids->schema,
            (Schema{{{"distinct_id", LogicalType::String()}, {"person_id", LogicalType::Uuid()}}}));
  EXPECT_EQ(groups->schema, (Schema{{{"group_type", LogicalType::String()},
                                     {"group_key", LogicalType::String()},
                                     {"properties", LogicalType::Json()},
                                     {"created_at", LogicalType::DateTime()}}}));
  EXPECT_EQ(persons->schema, PersonStore::PersonsSchema());
  EXPECT_EQ(distinct_ids->schema, PersonStore::DistinctIdsSchema());
  EXPECT_EQ(groups->schema, PersonStore::GroupsSchema());
  for (const Batch* batch : {&*persons, &*distinct_ids, &*groups}) {
    EXPECT_TRUE(batch->Validate().ok());
    EXPECT_EQ(batch->num_rows(), 1u);
  }
}

}  // namespace
}  // namespace larder::analytics
