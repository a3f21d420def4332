#pragma once
// The providers Signet knows, by the name signatures' metadata gives (SPEC 1.1): the one place
// that lists them. Each one's catalog answers what a signature's metadata may name: its
// service must be one the provider's catalog knows, its resource type, if given, one of that
// service's. Used wherever a signature is saved or names are checked (CLI, web console).
#include <string>
#include <vector>

#include "provider/provider.h"
#include "signature/metadata.h"

namespace signet::provider {

std::vector<std::string> names();  // "aws", "azure", "gcp"
std::vector<const Provider*> all();
// nullptr for a name that is not a provider.
const Provider* find(const std::string& name);
// The provider's catalog; nullptr for a name that is not a provider.
const inventory::Catalog* catalog_of(const std::string& provider);

// Names a request gives for scopes of any provider (a scan over an estate, a channel's
// filter): a name is known when some provider knows it.
NameCheck check_services(const std::vector<std::string>& services, bool catalog_only = false);
NameCheck check_regions(const std::vector<std::string>& regions);
// Whether some provider reads a selection's item as a scope's or a parent's id (Provider::selects_by_id).
bool selects_by_id(const std::string& item);

signature::ServiceCheck known_service();
// The resource type check (the service check runs inside signature::validate).
std::vector<signature::FieldError> catalog_errors(const signature::Metadata& metadata);

}  // namespace signet::provider
