#pragma once
// The small expression language of botocore's paginators: "A.B", "A[-1].B", "A || B"
// (common/json_path.h, which the catalogs use too).
#include "common/json_path.h"

namespace signet::aws {

using signet::json_path_get;

}  // namespace signet::aws
