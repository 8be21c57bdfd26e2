// hr_runtime.cpp — see hr_runtime.h.
#include "hr/hr_runtime.h"

#include "providers/teams_messages.h"

#include <chrono>

#include "hr/absence_busy.h"
#include "hr/absence_days.h"
#include "hr/sqlite_hr_store.h"
#include "slotwise/ascii.h"

namespace slotwise::hr {

namespace {

// A ZoneSource that serializes Find, so a source that is not thread-safe may be shared by several threads.
class SerializedZones final : public ZoneSource {
 public:
  explicit SerializedZones(ZoneSource& zones) : zones_(zones) {}
  const TimeZone* Find(std::string_view name) override {
    std::lock_guard lock(mutex_);
    return zones_.Find(name);
  }

 private:
  ZoneSource& zones_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<HrRuntime>> HrRuntime::Create(SqliteStore& database, const crypto::TokenVault& vault,
                                                     net::HttpTransport& transport, ZoneSource& zones,
                                                     InterviewStore* interviews, HrRuntimeOptions options,
                                                     Clock clock) {
  Result<std::unique_ptr<SqliteHrStore>> store = SqliteHrStore::Open(database.path(), vault);
  if (!store) return store.error();
  std::unique_ptr<HrRuntime> runtime(new HrRuntime());
  runtime->clock_ = clock ? std::move(clock) : Clock([] {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  });
  runtime->zones_ = std::make_unique<SerializedZones>(zones);
  runtime->store_ = std::move(store).value();
  TeamsPosterOptions poster_options;
  poster_options.graph_api_base = options.graph_api_base;
  poster_options.graph_tokens = options.graph_tokens;
  poster_options.hooks = options.hooks;
  poster_options.outbound = options.outbound;
  runtime->outbound_ = options.outbound;
  runtime->transport_ = &transport;
  runtime->graph_api_base_ = options.graph_api_base;
  runtime->graph_tokens_ = options.graph_tokens;
  runtime->hooks_ = options.hooks;
  runtime->poster_ = std::make_unique<TeamsChannelPoster>(transport, std::move(poster_options));
  runtime->requests_ = std::make_unique<AbsenceRequests>(*runtime->store_, interviews, *runtime->zones_);
  runtime->scheduler_ = std::make_unique<DailyScheduler>(*runtime->store_, *runtime->poster_, *runtime->zones_,
                                                         runtime->clock_, options.scheduler);
  if (options.bot.enabled()) {
    runtime->org_connections_ = std::make_unique<OrgConnectionStore>(database);
    runtime->bot_connector_ = std::make_unique<BotConnector>(transport, options.bot, runtime->clock_);
    OrgConnectionStore* organisations = runtime->org_connections_.get();
    // Read only: the Slotwise tenants whose Microsoft 365 organisation connection is this directory.
    TenantsOfDirectory tenants = [organisations](const std::string& directory) -> Result<std::vector<std::string>> {
      std::vector<std::string> found;
      if (directory.empty()) return found;
      Result<std::vector<OrgConnection>> all = organisations->ListAll();
      if (!all) return all.error();
      for (const OrgConnection& connection : *all) {
        if (connection.provider == oauth::Provider::kMicrosoft &&
            EqualsIgnoreCase(connection.directory_id, directory)) {
          found.push_back(connection.tenant_id);
        }
      }
      return found;
    };
    runtime->bot_ = std::make_unique<TeamsBot>(*runtime->store_, *runtime->requests_, *runtime->bot_connector_,
                                               std::move(tenants), *runtime->zones_, runtime->clock_);
  }
  return runtime;
}

HrRuntime::~HrRuntime() { Stop(); }

void HrRuntime::Start() { scheduler_->Start(); }
void HrRuntime::Stop() {
  if (scheduler_) scheduler_->Stop();
}

Result<std::shared_ptr<const HrRuntime::TenantAbsences>> HrRuntime::AbsencesOf(const std::string& tenant_id) {
  const std::uint64_t generation = store_->people_generation();
  {
    std::lock_guard lock(absences_mutex_);
    if (auto found = absences_.find(tenant_id); found != absences_.end() && found->second->generation == generation) {
      return found->second;
    }
  }
  auto loaded = std::make_shared<TenantAbsences>();
  loaded->generation = generation;  // read before loading: a write meanwhile moves it and the next call reloads
  Result<std::vector<Employee>> employees = store_->ListEmployees(tenant_id);
  if (!employees) return employees.error();
  std::unordered_map<std::string, std::string> email_of;  // employee id -> lower-cased e-mail
  for (const Employee& employee : *employees) {
    if (!employee.email.empty()) email_of[employee.id] = employee.email;
  }
  Result<std::vector<Absence>> absences = store_->ListAbsences(tenant_id, "", "0000-01-01", "9999-12-31");
  if (!absences) return absences.error();
  for (const Absence& absence : *absences) {
    auto email = email_of.find(absence.employee_id);
    if (absence.status == AbsenceStatus::kApproved && email != email_of.end()) {
      loaded->approved_by_email[email->second].push_back(absence);
    }
  }
  std::lock_guard lock(absences_mutex_);
  absences_[tenant_id] = loaded;
  return std::shared_ptr<const TenantAbsences>(loaded);
}

Result<bool> HrRuntime::HasOutOfOffice(const std::string& tenant_id, const std::string& email) {
  Result<std::shared_ptr<const TenantAbsences>> absences = AbsencesOf(tenant_id);
  if (!absences) return absences.error();
  return (*absences)->approved_by_email.count(AsciiLower(email)) > 0;
}

Result<std::vector<BusyEvent>> HrRuntime::OutOfOffice(const std::string& tenant_id, const std::string& email,
                                                      const TimeZone& zone, const WorkingHours& hours,
                                                      Interval window) {
  if (window.empty()) return std::vector<BusyEvent>{};
  Result<std::shared_ptr<const TenantAbsences>> absences = AbsencesOf(tenant_id);
  if (!absences) return absences.error();
  auto found = (*absences)->approved_by_email.find(AsciiLower(email));
  if (found == (*absences)->approved_by_email.end()) return std::vector<BusyEvent>{};
  return AbsencesToBusy(found->second, zone, hours, window);
}

bool HrRuntime::HasGraphConnection(const std::string& tenant_id, const std::string& connection_id) const {
  return graph_tokens_ && !connection_id.empty() && graph_tokens_(tenant_id, connection_id) != nullptr;
}

Result<nlohmann::json> HrRuntime::TeamsAndChannels(const std::string& tenant_id, const std::string& connection_id) {
  if (!graph_tokens_ || graph_api_base_.empty()) {
    return Error{codes::kProviderNotConfigured, "Microsoft Graph is not configured on this server", ""};
  }
  std::unique_ptr<providers::AccessTokenSource> tokens =
      connection_id.empty() ? nullptr : graph_tokens_(tenant_id, connection_id);
  if (!tokens) {
    return Error{codes::kInvalidRequest,
                 connection_id.empty() ? std::string("connection_id (a Microsoft connection made for hr_posting) is required")
                                       : "\"" + connection_id + "\" is not a Microsoft connection of this tenant",
                 "connection_id"};
  }
  providers::TeamsMessages teams(*transport_, *tokens, graph_api_base_, {}, hooks_);
  Result<std::vector<providers::TeamsMessages::Named>> joined = teams.ListJoinedTeams();
  if (!joined) return joined.error();
  nlohmann::json list = nlohmann::json::array();
  for (const providers::TeamsMessages::Named& team : *joined) {
    Result<std::vector<providers::TeamsMessages::Named>> channels = teams.ListChannels(team.id);
    if (!channels) return channels.error();
    nlohmann::json named = nlohmann::json::array();
    for (const providers::TeamsMessages::Named& channel : *channels) {
      named.push_back({{"id", channel.id}, {"name", channel.name}, {"membership_type", channel.membership_type}});
    }
    list.push_back({{"id", team.id}, {"name", team.name}, {"channels", std::move(named)}});
  }
  return nlohmann::json{{"teams", std::move(list)}};
}

}  // namespace slotwise::hr
