#pragma once
// The Google Cloud options shared by the commands that reach Google Cloud: the project, a
// service account to impersonate, the Discovery documents' folder (--models-dir, shared with
// AWS's botocore folder: the chosen provider's), and an endpoint for local fakes.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "gcp/client/client.h"

namespace signet::cli {

struct GcpOptions {
  std::string project;      // else GOOGLE_CLOUD_PROJECT, else the credentials'
  std::string impersonate;  // a service account's email
  std::string key_file;     // else GOOGLE_APPLICATION_CREDENTIALS
  // Every Google URL https://HOST/... goes to {endpoint}/HOST/... (a local fake), the token
  // endpoint and the Discovery service included.
  std::string endpoint_url;
  std::string models_dir;  // Discovery documents
  int max_attempts = 3;
  std::size_t max_items = 100000;

  void add_to(CLI::App& command);
  // Each throws std::invalid_argument for a URL that is not one.
  std::shared_ptr<gcp::CredentialChain> credentials() const;
  std::shared_ptr<gcp::Discovery> discovery() const;
  gcp::ClientOptions client_options() const;
  std::unique_ptr<gcp::GcpClient> make_client(io::EventLoop& loop) const;
  std::unique_ptr<gcp::GcpClient> make_client(io::EventLoop& loop, std::shared_ptr<gcp::CredentialChain> chain) const;
  // --project, else the environment's or the credentials' project; "" when none says.
  std::string project_or_default() const;
};

}  // namespace signet::cli
