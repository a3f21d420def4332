// main() for fuzz targets in the ordinary build (no libFuzzer): runs the target's
// LLVMFuzzerTestOneInput once on every file named, or inside every folder named, so the
// regression inputs and seeds run as a ctest test. A missing folder is empty; with no input
// at all the empty input runs (as libFuzzer starts). An input that crashes fails the test,
// its name printed first.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

static const std::uint8_t kEmpty = 0;  // as libFuzzer gives an empty input: a valid pointer

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg = argv[i];
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else if (std::filesystem::exists(arg)) {
      inputs.push_back(arg);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& path : inputs) {
    std::fprintf(stderr, "replay: %s\n", path.c_str());
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.empty() ? &kEmpty : reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  if (inputs.empty()) LLVMFuzzerTestOneInput(&kEmpty, 0);
  std::fprintf(stderr, "replay: %zu inputs ran%s\n", inputs.size(), inputs.empty() ? " (no seeds or regressions: the empty input did)" : "");
  return 0;
}
