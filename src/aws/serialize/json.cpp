// The json protocol (POST with X-Amz-Target), the JSON body writer shared with rest-json,
// the endpoint-trait expansion and the serializer registry.
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>

#include "aws/protocol/values.h"
#include "aws/serialize/serialize_common.h"

namespace signet::aws {

using nlohmann::json;

json json_body_value(const ServiceModel& service, const json& value, const json& ref) {
  const json& shape = service.shape(ref["shape"]);
  const std::string type = shape.value("type", "structure");
  if (shape.value("document", false)) return value;
  if (type == "structure") {
    json out = json::object();
    if (!value.is_object()) return out;
    for (const auto& [name, member] : members_of(shape).items()) {
      if (!value.contains(name) || value[name].is_null()) continue;
      if (member.contains("location")) continue;  // headers, URI and query go elsewhere
      out[member.value("locationName", name)] = json_body_value(service, value[name], member);
    }
    return out;
  }
  if (type == "list") {
    json out = json::array();
    if (value.is_array())
      for (const auto& item : value) out.push_back(item.is_null() ? json(nullptr) : json_body_value(service, item, shape["member"]));
    return out;
  }
  if (type == "map") {
    json out = json::object();
    if (value.is_object())
      for (const auto& [k, v] : value.items()) out[k] = v.is_null() ? json(nullptr) : json_body_value(service, v, shape["value"]);
    return out;
  }
  if (type == "blob") return base64_encode(value.is_string() ? value.get<std::string>() : value.dump());
  if (type == "timestamp") {
    auto epoch = timestamp_param(value);
    if (!epoch) throw SerializeError("'" + value.dump() + "' is not a timestamp");
    std::string format = ref.value("timestampFormat", shape.value("timestampFormat", "unixTimestamp"));
    if (format == "unixTimestamp") return epoch_number(*epoch);
    return format_timestamp(*epoch, format);
  }
  if ((type == "float" || type == "double") && value.is_number_float() && !std::isfinite(value.get<double>()))
    return format_double(value.get<double>());
  return value;
}

std::string expand_host_prefix(const ServiceModel&, const json& operation, const json& params) {
  if (!operation.contains("endpoint") || !operation["endpoint"].contains("hostPrefix")) return "";
  std::string prefix = operation["endpoint"]["hostPrefix"];
  for (std::size_t open; (open = prefix.find('{')) != std::string::npos;) {
    std::size_t close = prefix.find('}', open);
    if (close == std::string::npos) break;
    std::string label = prefix.substr(open + 1, close - open - 1);
    if (!params.contains(label) || !params[label].is_string() || params[label].get<std::string>().empty())
      throw SerializeError("'" + label + "' is required: it is part of the endpoint's host name");
    prefix.replace(open, close - open + 1, params[label].get<std::string>());
  }
  return prefix;
}

namespace {

class JsonSerializer : public Serializer {
 protected:
  cloud::HttpRequest build(const ServiceModel& service, const json& operation, const json& params) const override {
    cloud::HttpRequest request;
    const json& meta = service.metadata();
    request.method = "POST";
    request.path = operation.value("http", json::object()).value("requestUri", "/");
    request.set_header("X-Amz-Target", meta.value("targetPrefix", "") + "." + operation["name"].get<std::string>());
    request.set_header("Content-Type", "application/x-amz-json-" + meta.value("jsonVersion", "1.0"));
    json body = operation.contains("input") ? json_body_value(service, params, operation["input"]) : json::object();
    request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    request.host_prefix = expand_host_prefix(service, operation, params);
    return request;
  }
};

}  // namespace

std::unique_ptr<Serializer> make_json_serializer() { return std::make_unique<JsonSerializer>(); }

namespace {

std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw SerializeError("gzip: cannot start compressing");
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw SerializeError("gzip: compression failed");
  return out;
}

std::string md5_base64(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), digest, &n, EVP_md5(), nullptr);
  return base64_encode(std::string(reinterpret_cast<char*>(digest), n));
}

constexpr std::size_t kMinCompressBytes = 10240;  // the SDKs' default threshold

}  // namespace

cloud::HttpRequest Serializer::serialize(const ServiceModel& service, const json& operation, const json& params) const {
  cloud::HttpRequest request = build(service, operation, params);
  if (operation.contains("requestcompression") && request.body.size() >= kMinCompressBytes) {
    const json& encodings = operation["requestcompression"].value("encodings", json::array());
    if (std::find(encodings.begin(), encodings.end(), "gzip") != encodings.end()) {
      request.body = gzip(request.body);
      const std::string* existing = request.header("Content-Encoding");
      request.set_header("Content-Encoding", existing && !existing->empty() ? *existing + ", gzip" : "gzip");
    }
  }
  bool checksum = operation.value("httpChecksumRequired", false) ||
                  (operation.contains("httpChecksum") && operation["httpChecksum"].value("requestChecksumRequired", false));
  if (checksum && !request.header("Content-MD5")) request.set_header("Content-MD5", md5_base64(request.body));
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT")
    request.set_header("Content-Length", std::to_string(request.body.size()));
  return request;
}

std::unique_ptr<Serializer> make_serializer(const std::string& protocol) {
  if (protocol == "query") return make_query_serializer();
  if (protocol == "ec2") return make_ec2_serializer();
  if (protocol == "json") return make_json_serializer();
  if (protocol == "rest-json") return make_rest_json_serializer();
  if (protocol == "rest-xml") return make_rest_xml_serializer();
  throw SerializeError("the '" + protocol + "' protocol is not supported");
}

}  // namespace signet::aws
