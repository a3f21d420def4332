#pragma once
// Workload identity federation (an `external_account` credentials file, AIP-4117): the
// subject token its credential_source gives (a file, a URL, or AWS: a GetCallerIdentity
// request signed with SigV4 from the AWS environment or the EC2 metadata service), to be
// exchanged at Google's Security Token Service for an access token.
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/http/request.h"

namespace signet::gcp {

struct SubjectToken {
  std::string token;
  std::string source;  // "file /var/run/token", "url http://...", "AWS keys from the environment (AKIA...)"
};

// Throws CredentialError saying what the source lacks or answered.
SubjectToken external_subject_token(const nlohmann::json& file, const cloud::HttpOptions& http);

// The form posted to the token exchange (`token_url`) for `subject`: RFC 8693's fields.
std::vector<std::pair<std::string, std::string>> token_exchange_form(const nlohmann::json& file, const std::string& subject,
                                                                     const std::string& scope);

}  // namespace signet::gcp
