#pragma once
// What the catalog says about a signature's metadata: its service must be one the catalog
// knows, and its resource type, if given, one of that service's. Used wherever a signature
// is saved (CLI, web console).
#include <vector>

#include "signature/metadata.h"

namespace signet::inventory {

signature::ServiceCheck known_service();
// The resource type check (the service check runs inside signature::validate).
std::vector<signature::FieldError> catalog_errors(const signature::Metadata& metadata);

}  // namespace signet::inventory
