#pragma once
// bzip2 unpacking (the recorded Google Discovery documents are kept compressed). Users link
// BZip2::BZip2.
#include <bzlib.h>

#include <stdexcept>
#include <string>

namespace signet {

// The bytes a bz2 stream holds; std::runtime_error when it is not one. The unpacked size is
// not recorded in the stream: the buffer grows until it fits.
inline std::string bunzip2(const std::string& packed) {
  std::string out(packed.size() * 12 + (1 << 16), '\0');
  for (int tries = 0; tries < 6; ++tries) {
    unsigned int size = static_cast<unsigned int>(out.size());
    int rc = BZ2_bzBuffToBuffDecompress(out.data(), &size, const_cast<char*>(packed.data()), static_cast<unsigned int>(packed.size()), 0, 0);
    if (rc == BZ_OK) {
      out.resize(size);
      return out;
    }
    if (rc != BZ_OUTBUFF_FULL) throw std::runtime_error("not a bz2 stream (bzip2 error " + std::to_string(rc) + ")");
    out.resize(out.size() * 4);
  }
  throw std::runtime_error("a bz2 stream too large to unpack");
}

}  // namespace signet
