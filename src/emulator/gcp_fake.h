#pragma once
// A loopback Google Cloud for tests and the demo (no emulator of Google's compute, IAM or
// storage APIs exists): Google's OAuth token endpoint, the metadata server, IAM Credentials,
// the Discovery service and the REST APIs, on one 127.0.0.1 port, answering from an
// organization fixture (JSON) as Google does.
//
// Addressing: a Google URL https://HOST/PATH?QUERY is served at {url()}/HOST/PATH?QUERY (a
// client's endpoint override is the fake's URL); the metadata server answers without a host
// prefix, at /computeMetadata/v1/... (clients find it through GCE_METADATA_HOST). Answers
// carry Google's own URLs (selfLinks, discoveryRestUrl), as the real services give them.
//
// - tokens (POST /oauth2.googleapis.com/token): an RS256 JWT assertion of a fixture service
//   account (signature checked with its key; iss, aud = the token URI, scope, iat/exp at most
//   an hour apart and not expired), or a fixture authorized user's refresh token; errors are
//   Google's ({"error": "invalid_grant", ...}). Tokens are opaque ("ya29.fake-N"), good for
//   options.token_lifetime, and carry their principal ("serviceAccount:EMAIL", "user:EMAIL").
// - the metadata server (header `Metadata-Flavor: Google`, else 403): a token, the email and
//   the project of the fixture's metadataServer account.
// - IAM Credentials generateAccessToken: a token for a service account the caller's principal
//   may impersonate (fixture `impersonation`), else 403 PERMISSION_DENIED.
// - the Security Token Service (POST /sts.googleapis.com/v1/token): RFC 8693 token exchange
//   for a fixture workload identity provider's audience: an OIDC JWT (RS256 with the
//   provider's key, its issuer, aud "https:" + audience, not expired) or an AWS
//   GetCallerIdentity request (its SigV4 signature checked with the provider's copy of the
//   caller's secret key, signed within 15 minutes for this audience); the token's principal is
//   "principal://iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P/subject/SUB".
// - Discovery (no token needed, as Google's): the recorded documents of options.discovery_dir
//   and, for APIs they lack, the hand-written ones of options.supplement_dir (never
//   presented as Google's: see its README), at /www.googleapis.com/discovery/v1/apis/API/
//   VERSION/rest, and the directory (/discovery/v1/apis?name=&preferred=) built from them.
// - the APIs: a live bearer token on every request (401 UNAUTHENTICATED otherwise); then, for
//   a request about a project, 403 SERVICE_DISABLED when the project disabled the API, 429
//   RESOURCE_EXHAUSTED past options.reads_per_window, 403 PERMISSION_DENIED when the principal
//   is not one of the project's readers; 404 NOT_FOUND for what the fixture does not hold.
//   Anything but a GET or a POST the fixture answers (getIamPolicy, ...) is refused (403) and
//   counted in writes().
//
// The fixture (see gcp_org.json) is path-based; the fake knows no resource types:
//   {organization: SCOPE, projects: [SCOPE + {projectId, projectNumber, disabledApis}],
//    credentials: {serviceAccounts: [{client_email, client_id, project_id, private_key_id,
//    private_key}], authorizedUsers: [{email, client_id, client_secret, refresh_token,
//    quota_project_id?, scopes}], workloadIdentityProviders: [{audience, kind: oidc, issuer,
//    private_key} | {audience, kind: aws, keys: [{accessKeyId, secretAccessKey, arn}]}]},
//    metadataServer: {serviceAccount, projectId, scopes},
//    impersonation: {TARGET_EMAIL: [PRINCIPAL, ...]}}
//   SCOPE = {readers: [PRINCIPAL], apis: {HOST: {PATH: ENTRY}}, posts: {HOST/PATH: ANSWER}}
//   ENTRY = {field, items: [...], extra?: {...}, key?: "a.b"}   a collection
//         | {object: {...}}                                     a singleton
// A string "@now-30d" or "@now+12h" anywhere in the fixture is that time relative to the
// fake's start (a key's age, a rotation due), so verdicts about age hold on any day.
// PATH has no leading slash and may end in ?NAME=VALUE&...: the entry then answers requests
// that carry those query parameters (storage lists a project's buckets at
// storage/v1/b?project=P); other query parameters (filter, fields, ...) are ignored.
//   - GET PATH of a collection: a page of its items under `field`, beside `extra` (kind,
//     id, ...), with `nextPageToken` while more remain; the page size is maxResults or
//     pageSize, at most options.page_size.
//   - GET PATH/NAME: the collection's item whose `key` field (dotted; default: `name`, a
//     `name` ending in /NAME, or `id`) is NAME. A `-` segment in the collection's path
//     (locations/-) stands for any location, as in Google's paths.
//   - GET .../projects/P/aggregated/COLL: compute's aggregatedList, gathered from the
//     collections .../projects/P/{zones/Z,regions/R,global}/COLL and paged by items; a
//     scope with none on the page gets Google's NO_RESULTS_ON_PAGE warning.
//   - projects/NUMBER in a path is read as projects/ID, as Google's APIs accept either.
//   - Resource Manager's lists filter as the organization source needs: v1/projects by
//     `filter=parent.type:T parent.id:I` (and only projects the principal can read),
//     v2/folders by `parent=`.
// A request's project is the one whose `apis` hold its path, else the one its path names
// (projects/P) or its `project` parameter names; requests about none (the organization's
// lists) are checked against the organization's readers.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet::emulator {

// The recorded Discovery documents of the repository's test data
// (../shared/testdata/cloud-recordings/gcp-flights/discovery).
std::string recorded_discovery_dir();
// The hand-written documents of the APIs the recordings lack (src/gcp/discovery/supplement:
// API Keys, Essential Contacts, Access Approval, Dataproc), plain *.json documents.
std::string supplement_discovery_dir();

struct GcpFakeOptions {
  std::size_t page_size = 2;  // most items a page holds (Google's go to 500): small, so paging is exercised
  // Reads a project may make per window before 429 (0: unlimited). Google counts per minute.
  std::size_t reads_per_window = 0;
  std::chrono::milliseconds window{60000};
  std::chrono::seconds token_lifetime{3600};
  std::string discovery_dir = recorded_discovery_dir();  // *.json.bz2 recordings of Discovery documents
  std::string supplement_dir = supplement_discovery_dir();  // *.json hand-written documents; empty: none
};

class GcpFake {
 public:
  explicit GcpFake(nlohmann::json org, GcpFakeOptions options = {});
  ~GcpFake();
  GcpFake(const GcpFake&) = delete;
  GcpFake& operator=(const GcpFake&) = delete;

  std::string url() const;            // http://127.0.0.1:PORT
  std::string metadata_host() const;  // 127.0.0.1:PORT, what GCE_METADATA_HOST names
  std::string token_uri() const;      // {url}/oauth2.googleapis.com/token
  const nlohmann::json& org() const { return org_; }

  // Every request answered, as "METHOD /path?query STATUS", in order.
  std::vector<std::string> requests() const;
  // Requests that tried to change something (refused): "METHOD /path".
  std::vector<std::string> writes() const;
  // Tokens handed out, by how they were asked for: "jwt-bearer", "refresh_token",
  // "metadata", "impersonation", "sts".
  std::map<std::string, int> tokens_issued() const;

  // Credential files of the fixture's principals, as Google hands them out: a service
  // account's JSON key (its token_uri is this fake's) and an authorized user's ADC file
  // (which names no token URI: a client asks Google's, overridden to the fake's). Both throw
  // std::invalid_argument naming the fixture's accounts when the one asked for is not there.
  nlohmann::json service_account_key(const std::string& client_email) const;
  nlohmann::json authorized_user(const std::string& email) const;
  // The same, written to `file` (owner-only, as gcloud writes them); throws
  // std::runtime_error saying why when it cannot be written.
  void write_service_account_key(const std::string& client_email, const std::filesystem::path& file) const;
  void write_authorized_user(const std::string& email, const std::filesystem::path& file) const;

  struct Impl;

 private:
  nlohmann::json org_;
  std::unique_ptr<Impl> impl_;
};

// The fixture of the project's test organization (src/emulator/gcp_org.json, embedded; or
// the file SIGNET_GCP_ORG_FILE names, while the fixture is being edited).
const nlohmann::json& gcp_test_org();

}  // namespace signet::emulator
