// AWS client throughput against moto server: requests per second with 1 and 16 requests in
// flight, boto3 sequential in the same run for comparison, and SigV4 signatures per second.
#include <cstdio>
#include <cstdlib>

#include "aws/client/client.h"
#include "emulator/moto_server.h"

using namespace signet;
using namespace signet::aws;

namespace {

double client_rate(const std::string& endpoint, int total, int in_flight) {
  io::EventLoop loop;
  ClientOptions options;
  options.endpoints.all = endpoint;
  AwsClient client(loop, Models::embedded(), CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  int started = 0, done = 0, errors = 0;
  std::function<void()> next = [&] {
    if (started >= total) return;
    ++started;
    client.call({"iam", "GetUser", "us-east-1", {{"UserName", "bench"}}, "", false}, [&](cloud::CallResult r) {
      ++done;
      errors += !r.error.is_null();
      next();
    });
  };
  auto start = io::Clock::now();
  for (int i = 0; i < in_flight; ++i) next();
  loop.run_until([&] { return done == total; });
  double seconds = std::chrono::duration<double>(io::Clock::now() - start).count();
  if (errors) std::fprintf(stderr, "%d calls failed\n", errors);
  return total / seconds;
}

double boto3_rate(const std::string& endpoint, int total) {
  std::string cmd = "python3 -c \"import boto3,time\n"
                    "c=boto3.client('iam',endpoint_url='" + endpoint + "',region_name='us-east-1',aws_access_key_id='testing',aws_secret_access_key='testing')\n"
                    "c.get_user(UserName='bench')\n"
                    "t=time.time()\n"
                    "for i in range(" + std::to_string(total) + "): c.get_user(UserName='bench')\n"
                    "print(" + std::to_string(total) + "/(time.time()-t))\"";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  double rate = -1;
  if (std::fscanf(p, "%lf", &rate) != 1) rate = -1;
  pclose(p);
  return rate;
}

double signatures_per_second(int count) {
  cloud::HttpRequest request;
  request.method = "POST";
  request.host = "iam.amazonaws.com";
  request.body = "Action=ListUsers&Version=2010-05-08";
  request.set_header("Content-Type", "application/x-www-form-urlencoded");
  Credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt};
  SigningOptions options{"us-east-1", "iam", 1440938160};
  auto start = io::Clock::now();
  for (int i = 0; i < count; ++i) {
    cloud::HttpRequest r = request;
    sign(r, creds, options);
  }
  return count / std::chrono::duration<double>(io::Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int total = argc > 1 ? std::atoi(argv[1]) : 400;
  std::printf("AWS client benchmark (moto server on loopback; %d IAM GetUser calls per figure)\n", total);
  std::printf("  SigV4 signatures:               %10.0f /s\n", signatures_per_second(20000));
  emulator::MotoServer moto;
  {
    io::EventLoop loop;
    ClientOptions options;
    options.endpoints.all = moto.endpoint();
    options.read_only = false;
    AwsClient writer(loop, Models::embedded(), CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
    bool done = false;
    writer.call({"iam", "CreateUser", "us-east-1", {{"UserName", "bench"}}}, [&](cloud::CallResult) { done = true; });
    loop.run_until([&] { return done; });
  }
  std::printf("  signet, 1 request in flight:    %10.0f requests/s\n", client_rate(moto.endpoint(), total, 1));
  std::printf("  signet, 16 requests in flight:  %10.0f requests/s\n", client_rate(moto.endpoint(), total, 16));
  std::printf("  boto3, sequential:              %10.0f requests/s\n", boto3_rate(moto.endpoint(), total));
  return 0;
}
