// Fuzz target: the bytes a sandbox worker sends its parent. The worker is the untrusted side
// (a signature that broke out of SpiderMonkey would own it), so the parent must survive any
// byte stream: frames are cut with protocol::take_frame and read with parse_from_worker, as
// the pool does; std::exception from either is a malformed worker (the pool kills it), not
// a crash. What parses must be a coherent message.
#include <cmath>
#include <string>

#include "sandbox/protocol.h"
#include "testing/fuzz_check.h"

using namespace signet::sandbox;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  try {
    std::size_t consumed = 0;
    while (auto frame = protocol::take_frame(in, consumed)) {
      SIGNET_FUZZ_CHECK(consumed <= in.size(), "a frame never reaches past what was received");
      protocol::FromWorker m = protocol::parse_from_worker(*frame);
      if (m.type == protocol::FromWorker::Type::Done) {
        const Outcome& o = m.outcome;
        SIGNET_FUZZ_CHECK(o.status != Status::Error || o.message.has_value(), "an Error always says why");
        SIGNET_FUZZ_CHECK(o.limit == Limit::None || o.status == Status::Error, "a broken limit is an Error");
        SIGNET_FUZZ_CHECK(std::isfinite(o.duration_ms) && o.duration_ms >= 0, "a duration is a time");
      }
      if (m.type == protocol::FromWorker::Type::Compiled && m.error)
        SIGNET_FUZZ_CHECK(m.error->line >= 0 && m.error->column >= 0, "a location is not negative");
    }
  } catch (const std::exception&) {
    // The pool's answer to a malformed message: the worker is killed, its work ends as Error.
  }
  return 0;
}
