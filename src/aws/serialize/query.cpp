// The query and ec2 protocols: form-encoded parameters named by flattening the input shape.
#include <cmath>

#include "aws/protocol/values.h"
#include "aws/serialize/serialize_common.h"

namespace signet::aws {

using nlohmann::json;

namespace {

class QuerySerializer : public Serializer {
 protected:
  cloud::HttpRequest build(const ServiceModel& service, const json& operation, const json& params) const override {
    cloud::HttpRequest request;
    request.method = "POST";
    request.path = "/";
    std::vector<std::pair<std::string, std::string>> fields = {{"Action", operation["name"]},
                                                               {"Version", service.api_version()}};
    if (operation.contains("input")) serialize(service, fields, params, operation["input"], "");
    for (const auto& [k, v] : fields) request.body += (request.body.empty() ? "" : "&") + cloud::uri_encode(k) + "=" + cloud::uri_encode(v);
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    request.host_prefix = expand_host_prefix(service, operation, params);
    return request;
  }

 protected:
  using Fields = std::vector<std::pair<std::string, std::string>>;

  virtual std::string member_name(const json& ref, const std::string& fallback) const {
    return ref.value("locationName", fallback);
  }

  void serialize(const ServiceModel& service, Fields& out, const json& value, const json& ref, const std::string& prefix) const {
    const json& shape = service.shape(ref["shape"]);
    const std::string type = shape.value("type", "structure");
    if (type == "structure") return structure(service, out, value, shape, prefix);
    if (type == "list") return list(service, out, value, ref, shape, prefix);
    if (type == "map") return map(service, out, value, ref, shape, prefix);
    out.emplace_back(prefix, scalar(value, ref, shape, type));
  }

  void structure(const ServiceModel& service, Fields& out, const json& value, const json& shape, const std::string& prefix) const {
    if (!value.is_object()) return;
    for (const auto& [name, member] : members_of(shape).items()) {
      if (!value.contains(name) || value[name].is_null()) continue;
      std::string key = member_name(member, name);
      serialize(service, out, value[name], member, prefix.empty() ? key : prefix + "." + key);
    }
  }

  virtual void list(const ServiceModel& service, Fields& out, const json& value, const json& ref, const json& shape,
                    const std::string& prefix) const {
    if (!value.is_array()) return;
    if (value.empty()) {
      out.emplace_back(prefix, "");  // the query protocol sends empty lists
      return;
    }
    const json& item = shape["member"];
    std::string list_prefix;
    if (shape.value("flattened", false) || ref.value("flattened", false)) {
      list_prefix = prefix;  // items are named by the member itself
    } else {
      list_prefix = prefix + "." + item.value("locationName", "member");
    }
    for (std::size_t i = 0; i < value.size(); ++i) serialize(service, out, value[i], item, list_prefix + "." + std::to_string(i + 1));
  }

  void map(const ServiceModel& service, Fields& out, const json& value, const json& ref, const json& shape,
           const std::string& prefix) const {
    if (!value.is_object()) return;
    bool flattened = shape.value("flattened", false) || ref.value("flattened", false);
    std::string base = flattened ? prefix : prefix + ".entry";
    std::string key_name = shape["key"].value("locationName", "key"), value_name = shape["value"].value("locationName", "value");
    std::size_t i = 1;
    for (const auto& [k, v] : value.items()) {
      std::string entry = base + "." + std::to_string(i++) + ".";
      out.emplace_back(entry + key_name, k);
      serialize(service, out, v, shape["value"], entry + value_name);
    }
  }

  std::string scalar(const json& value, const json& ref, const json& shape, const std::string& type) const {
    if (type == "boolean") return value.is_boolean() ? (value.get<bool>() ? "true" : "false") : value.dump();
    if (type == "blob") return base64_encode(value.is_string() ? value.get<std::string>() : value.dump());
    if (type == "timestamp") {
      auto epoch = timestamp_param(value);
      if (!epoch) throw SerializeError("'" + value.dump() + "' is not a timestamp");
      return format_timestamp(*epoch, ref.value("timestampFormat", shape.value("timestampFormat", "iso8601")));
    }
    if ((type == "float" || type == "double") && value.is_number_float()) return format_double(value.get<double>());
    return value.is_string() ? value.get<std::string>() : value.dump();
  }
};

class Ec2Serializer : public QuerySerializer {
 protected:
  // EC2 names members by queryName, else by locationName or member name, capitalized.
  std::string member_name(const json& ref, const std::string& fallback) const override {
    if (ref.contains("queryName")) return ref["queryName"];
    std::string name = ref.value("locationName", fallback);
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
  }
  // EC2 lists are always flattened, and empty ones are left out.
  void list(const ServiceModel& service, Fields& out, const json& value, const json&, const json& shape,
            const std::string& prefix) const override {
    if (!value.is_array()) return;
    for (std::size_t i = 0; i < value.size(); ++i) serialize(service, out, value[i], shape["member"], prefix + "." + std::to_string(i + 1));
  }
};

}  // namespace

std::unique_ptr<Serializer> make_query_serializer() { return std::make_unique<QuerySerializer>(); }
std::unique_ptr<Serializer> make_ec2_serializer() { return std::make_unique<Ec2Serializer>(); }

}  // namespace signet::aws
