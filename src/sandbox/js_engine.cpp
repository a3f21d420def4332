// SpiderMonkey 102 embedding for the sandbox worker. See FACTS.md for the measurements
// behind the choices here (one zone for all realms, compile-once stencils, own job queue,
// CSP callback against eval, interrupt watchdog).
#include "sandbox/js_engine.h"
#include "sandbox/protocol.h"
#include "sandbox/sandbox.h"

#include <jsapi.h>
#include <jsfriendapi.h>
#include <js/CompilationAndEvaluation.h>
#include <js/CompileOptions.h>
#include <js/ContextOptions.h>
#include <js/Conversions.h>
#include <js/ErrorReport.h>
#include <js/Exception.h>
#include <js/GCVector.h>
#include <js/Initialization.h>
#include <js/Interrupt.h>
#include <js/JSON.h>
#include <js/MemoryCallbacks.h>
#include <js/Object.h>
#include <js/Promise.h>
#include <js/PropertyAndElement.h>
#include <js/Proxy.h>
#include <js/Realm.h>
#include <js/SourceText.h>
#include <js/experimental/JSStencil.h>

#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <cstring>
#include <list>
#include <map>
#include <thread>
#include <unordered_map>
#include <vector>

// lib, the helper library signatures get as their third argument: lib/build_lib.py's bundle
// of its sources, {"core": SOURCE, "parts": {NAME: SOURCE}}, embedded.
extern "C" const char signet_lib_bundle_json[];

namespace signet::sandbox {

namespace {

using Clock = JsEngine::Clock;
using namespace std::chrono_literals;

constexpr std::size_t kMaxStatusMessageBytes = 64 * 1024;
constexpr std::size_t kMaxRequestBytes = 1 << 20;
constexpr std::size_t kMaxPendingCallsPerEvaluation = 1000;
constexpr std::uint64_t kMaxCallsPerEvaluation = 100000;
// Promise jobs one evaluation may have queued at once. A legitimate Promise.all over a big
// account queues one job per element; a flood queues without bound and would otherwise end
// by whichever limit it met first, memory or time.
constexpr std::size_t kMaxQueuedJobsPerEvaluation = 200000;
constexpr const char* kExpectedReturn = "expected the signature to return { statusSig: boolean, statusMessage?: string }";

const JSClass kGlobalClass = {"global", JSCLASS_GLOBAL_FLAGS, &JS::DefaultGlobalClassOps};
// lib's files are named signet-lib/NAME.js in stacks (lib skips those frames to find the
// signature's line that called it).
std::string lib_filename(const std::string& part) { return "signet-lib/" + part + ".js"; }

// --- text helpers ---------------------------------------------------------------------

void append_utf16_as_utf8(std::string& out, const char16_t* s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;  // lone surrogate
    }
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xF0 | (c >> 18));
      out += char(0x80 | ((c >> 12) & 0x3F));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
  }
}

struct StringifySink {
  std::string out;
  std::size_t limit;
};

bool stringify_write(const char16_t* buf, uint32_t len, void* data) {
  auto* sink = static_cast<StringifySink*>(data);
  append_utf16_as_utf8(sink->out, buf, len);
  return sink->out.size() <= sink->limit;  // false aborts JSON.stringify
}

// JSON.stringify(value). Returns false with an exception pending on failure; `json` is
// empty when the value has no JSON form (undefined, a function, a symbol).
bool to_json(JSContext* cx, JS::HandleValue value, std::string& json, std::size_t limit) {
  JS::RootedValue v(cx, value);
  StringifySink sink{{}, limit};
  if (!JS_Stringify(cx, &v, nullptr, JS::NullHandleValue, stringify_write, &sink)) {
    if (!JS_IsExceptionPending(cx) && sink.out.size() > limit)
      JS_ReportErrorASCII(cx, "value is larger than %zu bytes as JSON", limit);
    return false;
  }
  json = std::move(sink.out);
  return true;
}

std::string to_utf8(JSContext* cx, JS::HandleString s) {
  JS::UniqueChars chars = JS_EncodeStringToUTF8(cx, s);
  if (!chars) {
    JS_ClearPendingException(cx);
    return "<string not convertible>";
  }
  return chars.get();
}

std::string truncate_utf8(std::string s, std::size_t limit, const char* marker) {
  if (s.size() <= limit) return s;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  s.resize(cut);
  s += marker;
  return s;
}

const char* exception_name(JSExnType type) {
  switch (type) {
    case JSEXN_INTERNALERR: return "InternalError";
    case JSEXN_AGGREGATEERR: return "AggregateError";
    case JSEXN_EVALERR: return "EvalError";
    case JSEXN_RANGEERR: return "RangeError";
    case JSEXN_REFERENCEERR: return "ReferenceError";
    case JSEXN_SYNTAXERR: return "SyntaxError";
    case JSEXN_TYPEERR: return "TypeError";
    case JSEXN_URIERR: return "URIError";
    default: return "Error";
  }
}

// --- one evaluation -------------------------------------------------------------------

struct Run {  // one evaluation in flight in this worker
  std::uint64_t job;
  Clock::time_point started;
  Clock::time_point deadline;         // the earlier of the two below
  Clock::time_point budget_deadline;  // moved later by waits on the backend's rate limits
  Clock::time_point hard_deadline;
  JS::PersistentRootedObject global;
  JS::PersistentRootedObject result;  // the promise the signature's function settled into
  std::map<std::uint64_t, JS::PersistentRootedObject> pending_calls;
  std::uint64_t calls_made = 0;
  std::size_t queued_jobs = 0;  // promise jobs of this evaluation waiting in the job queue
  nlohmann::json console = nlohmann::json::array();
  std::size_t console_bytes = 0;
  bool console_truncated = false;
  bool timed_out = false;
  bool out_of_memory = false;
  std::optional<std::string> error;  // set once the evaluation failed

  Run(JSContext* cx, std::uint64_t job_id) : job(job_id), global(cx), result(cx) {}
};

struct CompiledScript {
  RefPtr<JS::Stencil> stencil;
  std::string filename;
  std::optional<nlohmann::json> error;  // the compile error, reported for every evaluation
};

}  // namespace

// --- the engine -----------------------------------------------------------------------

struct JsEngine::Impl final : public JS::JobQueue {
  EngineConfig config;
  Send send;
  JSContext* cx = nullptr;
  std::unique_ptr<JS::PersistentRootedObject> anchor;  // scratch global; its zone holds all realms
  // lib's core and its parts, compiled once per worker: the core runs in every evaluation,
  // each part in the evaluations that use it.
  RefPtr<JS::Stencil> lib_core;
  std::map<std::string, RefPtr<JS::Stencil>, std::less<>> lib_parts;
  using JobVector = JS::PersistentRooted<JS::GCVector<JSObject*, 0, js::SystemAllocPolicy>>;
  std::unique_ptr<JobVector> jobs;     // queued promise jobs
  std::unique_ptr<JobVector> running;  // the batch being run: jobs it queues wait for the next
  bool draining = false;
  std::uint64_t jobs_run = 0;
  std::unordered_map<std::uint64_t, std::unique_ptr<Run>> evaluations;
  std::map<std::uint64_t, CompiledScript> scripts;
  std::list<std::uint64_t> script_order;  // oldest first, for eviction
  Run* current = nullptr;          // the evaluation whose JavaScript is on the stack
  std::atomic<std::int64_t> current_deadline_ns{0};
  std::atomic<bool> stop_watchdog{false};
  std::thread watchdog;
  std::uint64_t finished_since_gc = 0;
  bool retiring = false;

  Impl(const EngineConfig& c, Send s) : config(c), send(std::move(s)) {}

  // JS::JobQueue ------------------------------------------------------------------------
  JSObject* getIncumbentGlobal(JSContext* cx) override { return JS::CurrentGlobalOrNull(cx); }
  bool enqueuePromiseJob(JSContext* cx, JS::HandleObject, JS::HandleObject job, JS::HandleObject,
                         JS::HandleObject) override {
    Run* ev = evaluation_of_realm(JS::GetObjectRealmOrNull(job));
    if (ev && ev->queued_jobs >= kMaxQueuedJobsPerEvaluation) {
      // false with no exception pending: uncatchable, like an interrupt.
      fail(*ev, "promise flood: more than " + std::to_string(kMaxQueuedJobsPerEvaluation) +
                    " promise callbacks queued at once by this evaluation");
      return false;
    }
    if (!jobs->append(job)) {
      JS_ReportOutOfMemory(cx);
      return false;
    }
    if (ev) ++ev->queued_jobs;
    return true;
  }
  void runJobs(JSContext*) override { drain_jobs(); }
  bool empty() const override { return jobs->empty(); }
  js::UniquePtr<SavedJobQueue> saveJobQueue(JSContext*) override {
    // Only the Debugger saves queues, and workers have no Debugger.
    return js::MakeUnique<SavedJobQueue>();
  }

  // Tracking which evaluation runs ------------------------------------------------------
  static Run* evaluation_of_realm(JS::Realm* realm) {
    return realm ? static_cast<Run*>(JS::GetRealmPrivate(realm)) : nullptr;
  }
  Run* current_evaluation() { return evaluation_of_realm(JS::GetCurrentRealmOrNull(cx)); }

  struct Running {
    Impl& impl;
    Run* saved;
    Running(Impl& i, Run* ev) : impl(i), saved(i.current) { impl.set_current(ev); }
    ~Running() { impl.set_current(saved); }
  };
  void set_current(Run* ev) {
    current = ev;
    current_deadline_ns.store(ev ? std::chrono::duration_cast<std::chrono::nanoseconds>(
                                       ev->deadline.time_since_epoch()).count()
                                 : 0,
                              std::memory_order_relaxed);
  }

  static bool on_interrupt(JSContext* cx) {
    auto* self = static_cast<Impl*>(JS_GetContextPrivate(cx));
    Run* ev = self->current;
    if (ev && Clock::now() >= ev->deadline) {
      ev->timed_out = true;
      return false;  // uncatchable: ends the running script, finally blocks included
    }
    return true;
  }
  static void on_out_of_memory(JSContext*, void* data) {
    auto* self = static_cast<Impl*>(data);
    if (self->current) self->current->out_of_memory = true;
  }
  static bool csp_allows(JSContext*, JS::RuntimeCode, JS::HandleString) { return false; }

  void init() {
    if (!JS_Init()) throw std::runtime_error("JS_Init failed");
    std::size_t gc_max = config.memory_bytes / 2;
    cx = JS_NewContext(gc_max);
    if (!cx) throw std::runtime_error("JS_NewContext failed");
    JS_SetContextPrivate(cx, this);
    JS_SetGCParameter(cx, JSGC_MAX_BYTES, static_cast<uint32_t>(std::min<std::size_t>(gc_max, 0xFFFFFFFFu)));
    JS_SetNativeStackQuota(cx, config.stack_bytes);
    // No async stacks: capturing a SavedFrame chain for every promise reaction costs more
    // than the await itself, and error locations come from the throwing frame anyway.
    JS::ContextOptionsRef(cx).setWasm(false).setAsmJS(false).setSourcePragmas(false).setAsyncStack(false);
    static const JSSecurityCallbacks security = {csp_allows, nullptr};
    JS_SetSecurityCallbacks(cx, &security);
    JS::SetJobQueue(cx, this);
    if (!JS::InitSelfHostedCode(cx)) throw std::runtime_error("JS::InitSelfHostedCode failed");
    JS_AddInterruptCallback(cx, on_interrupt);
    JS::SetOutOfMemoryCallback(cx, on_out_of_memory, this);
    jobs = std::make_unique<JobVector>(cx);
    running = std::make_unique<JobVector>(cx);

    JS::RealmOptions options;
    options.creationOptions().setNewCompartmentAndZone();
    anchor = std::make_unique<JS::PersistentRootedObject>(
        cx, JS_NewGlobalObject(cx, &kGlobalClass, nullptr, JS::FireOnNewGlobalHook, options));
    if (!*anchor) throw std::runtime_error("creating the anchor global failed");
    compile_lib();
  }

  // lib is compiled fully once; evaluations instantiate what they use into their own global.
  void compile_lib() {
    auto bundle = nlohmann::json::parse(signet_lib_bundle_json);
    lib_core = compile_lib_file("core", bundle.at("core").get<std::string>());
    for (const auto& [name, source] : bundle.at("parts").items()) lib_parts[name] = compile_lib_file(name, source.get<std::string>());
  }

  RefPtr<JS::Stencil> compile_lib_file(const std::string& name, const std::string& source) {
    JSAutoRealm realm(cx, *anchor);
    const std::string filename = lib_filename(name);
    JS::CompileOptions options(cx);
    options.setFileAndLine(filename.c_str(), 1).setForceFullParse();
    JS::SourceText<mozilla::Utf8Unit> text;
    if (!text.init(cx, source.data(), source.size(), JS::SourceOwnership::Borrowed)) throw std::runtime_error("reading " + filename + " failed");
    RefPtr<JS::Stencil> stencil = JS::CompileGlobalScriptToStencil(cx, options, text);
    if (!stencil) throw std::runtime_error(filename + " does not compile: " + compile_error().dump());
    return stencil;
  }

  // Runs one of lib's files in the current global: its value (a function).
  bool run_lib_file(JS::Stencil* stencil, JS::MutableHandleValue value) {
    JS::InstantiateOptions options;
    JS::RootedScript script(cx, JS::InstantiateGlobalStencil(cx, options, stencil));
    return script && JS_ExecuteScript(cx, script, value);
  }

  // lib for the current (fresh) global: its core, given the natives that load parts and
  // freeze objects, and then frozen, the getters of its namespaces included.
  bool instantiate_lib(JS::MutableHandleValue lib) {
    JS::RootedValue core(cx);
    if (!run_lib_file(lib_core, &core)) return false;
    JS::RootedObject load_part(cx, JS_GetFunctionObject(JS_NewFunction(cx, load_lib_part, 1, 0, "loadPart")));
    JS::RootedObject freeze(cx, JS_GetFunctionObject(JS_NewFunction(cx, lib_freeze, 1, 0, "freeze")));
    if (!load_part || !freeze) return false;
    JS::RootedValueArray<2> args(cx);
    args[0].setObject(*load_part);
    args[1].setObject(*freeze);
    if (!JS::Call(cx, JS::UndefinedHandleValue, core, args, lib)) return false;
    if (!lib.isObject()) {
      JS_ReportErrorASCII(cx, "lib's core returned no object");
      return false;
    }
    JS::RootedObject object(cx, &lib.toObject());
    JS::Rooted<JS::IdVector> keys(cx, JS::IdVector(cx));
    if (!JS_Enumerate(cx, object, &keys)) return false;
    for (std::size_t i = 0; i < keys.length(); ++i) {
      JS::Rooted<mozilla::Maybe<JS::PropertyDescriptor>> desc(cx);
      if (!JS_GetOwnPropertyDescriptorById(cx, object, keys[i], &desc)) return false;
      if (desc.isNothing()) continue;
      JS::RootedObject getter(cx, desc->hasGetter() ? desc->getter() : nullptr);
      if (getter && !JS_FreezeObject(cx, getter)) return false;
    }
    return JS_FreezeObject(cx, object);
  }

  // freeze(object), lib's Object.freeze: a native no signature can replace. Returns its
  // argument, as Object.freeze does.
  static bool lib_freeze(JSContext* cx, unsigned argc, JS::Value* vp) {
    JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
    args.rval().set(args.get(0));
    if (!args.get(0).isObject()) return true;
    JS::RootedObject object(cx, &args[0].toObject());
    return JS_FreezeObject(cx, object);
  }

  // loadPart(name), held by lib's core alone: runs part NAME in the caller's global and
  // returns its factory.
  static bool load_lib_part(JSContext* cx, unsigned argc, JS::Value* vp) {
    JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
    auto* self = static_cast<Impl*>(JS_GetContextPrivate(cx));
    if (args.length() < 1 || !args[0].isString()) {
      JS_ReportErrorASCII(cx, "loadPart expects a part name");
      return false;
    }
    JS::RootedString name(cx, args[0].toString());
    auto part = self->lib_parts.find(to_utf8(cx, name));
    if (part == self->lib_parts.end()) {
      JS_ReportErrorASCII(cx, "lib has no part by that name");
      return false;
    }
    return self->run_lib_file(part->second, args.rval());
  }

  void shutdown() {
    stop_watchdog = true;
    if (watchdog.joinable()) watchdog.join();
    evaluations.clear();
    scripts.clear();
    lib_core = nullptr;
    lib_parts.clear();
    jobs.reset();
    running.reset();
    anchor.reset();
    if (cx) JS_DestroyContext(cx);
    cx = nullptr;
    JS_ShutDown();
  }

  void start_watchdog() {
    watchdog = std::thread([this] {
      while (!stop_watchdog.load()) {
        std::this_thread::sleep_for(10ms);
        std::int64_t deadline = current_deadline_ns.load(std::memory_order_relaxed);
        if (deadline != 0 &&
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count() >= deadline)
          JS_RequestInterruptCallback(cx);
      }
    });
  }

  JSObject* new_global() {
    JS::RealmOptions options;
    options.creationOptions()
        .setNewCompartmentInExistingZone(*anchor)
        .setSharedMemoryAndAtomicsEnabled(false)
        .setDefineSharedArrayBufferConstructor(false)
        .setWeakRefsEnabled(JS::WeakRefSpecifier::Disabled)
        .setToSourceEnabled(false);
    return JS_NewGlobalObject(cx, &kGlobalClass, nullptr, JS::DontFireOnNewGlobalHook, options);
  }

  // Exceptions -> messages --------------------------------------------------------------

  // "TypeError: x is undefined (signature.js:3:7)" from an exception and, for synchronous
  // throws, the stack where it was thrown.
  std::string describe_exception(const JS::ExceptionStack& exn) {
    JS::ErrorReportBuilder builder(cx);
    if (!builder.init(cx, exn, JS::ErrorReportBuilder::NoSideEffects)) {
      JS_ClearPendingException(cx);
      return "uncaught exception (could not be described)";
    }
    JSErrorReport* report = builder.report();
    std::string text;
    JS::RootedObject error(cx, exn.exception().isObject() ? &exn.exception().toObject() : nullptr);
    if (error && report && JS_ErrorFromException(cx, error)) {
      std::string name = exception_name(JSExnType(report->exnType));
      JS::RootedValue name_value(cx);
      if (JS_GetProperty(cx, error, "name", &name_value) && name_value.isString()) {
        JS::RootedString s(cx, name_value.toString());
        name = to_utf8(cx, s);
      }
      JS_ClearPendingException(cx);
      text = name + ": " + (report->message() ? report->message().c_str() : "");
    } else {
      // toStringResult() reads "uncaught exception: <value>" for values that are not Errors.
      text = builder.toStringResult() ? builder.toStringResult().c_str() : "uncaught exception";
    }
    // Runtime reports carry 1-based columns (from stack frames); compile_error() adjusts
    // the parser's 0-based ones.
    // Errors lib raises carry the signature's line that called it, without a column (0).
    if (report && report->filename && report->lineno)
      text += " (" + std::string(report->filename) + ":" + std::to_string(report->lineno) +
              (report->column ? ":" + std::to_string(report->column) : "") + ")";
    return text;
  }

  // The reason a call into JavaScript returned false.
  std::string take_failure(Run& ev) {
    if (ev.timed_out) return "time limit exceeded";
    if (ev.out_of_memory) return out_of_memory_message();
    if (!JS_IsExceptionPending(cx)) return "script terminated";
    JS::ExceptionStack exn(cx);
    if (!JS::StealPendingExceptionStack(cx, &exn)) return "uncaught exception (could not be read)";
    return describe_exception(exn);
  }

  std::string out_of_memory_message() const {
    return "out of memory (the sandbox allows " + std::to_string(config.memory_bytes >> 20) + " MiB per worker)";
  }

  // Console ----------------------------------------------------------------------------

  std::string console_text(JS::HandleValue v) {
    if (v.isString()) {
      JS::RootedString s(cx, v.toString());
      return to_utf8(cx, s);
    }
    if (v.isUndefined()) return "undefined";
    if (v.isSymbol()) return "Symbol()";
    if (v.isObject()) {
      JS::RootedObject obj(cx, &v.toObject());
      if (JS::IsCallable(obj)) return "[Function]";
      js::ESClass cls;
      if (!js::IsProxy(obj) && JS::GetBuiltinClass(cx, obj, &cls) && cls == js::ESClass::Error) {
        JS::ExceptionStack exn(cx, v, nullptr);
        std::string text = describe_exception(exn);
        JS::RootedValue stack(cx);
        if (JS_GetProperty(cx, obj, "stack", &stack) && stack.isString()) {
          JS::RootedString s(cx, stack.toString());
          std::string trace = to_utf8(cx, s);
          if (!trace.empty()) text += "\n" + trace;
        }
        JS_ClearPendingException(cx);
        return text;
      }
      std::string json;
      if (to_json(cx, v, json, config.console_bytes + 1)) return json;
      std::string why = "not serializable";
      if (JS_IsExceptionPending(cx)) {
        JS::ExceptionStack exn(cx);
        if (JS::StealPendingExceptionStack(cx, &exn)) why = describe_exception(exn);
      }
      return "[object: " + why + "]";
    }
    JS::RootedString s(cx, JS::ToString(cx, v));
    if (!s) {
      JS_ClearPendingException(cx);
      return "?";
    }
    return to_utf8(cx, s);
  }

  void console_append(Run& ev, const char* level, std::string text) {
    if (ev.console_truncated) return;
    std::size_t cost = text.size() + 16;
    if (ev.console_bytes + cost > config.console_bytes) {
      ev.console_truncated = true;
      ev.console.push_back(nlohmann::json::array({"warn", "[console output truncated: over " + std::to_string(config.console_bytes >> 10) +
                                        " KiB in this run]"}));
      return;
    }
    ev.console_bytes += cost;
    ev.console.push_back(nlohmann::json::array({level, std::move(text)}));
  }

  template <int Level>
  static bool console_native(JSContext* cx, unsigned argc, JS::Value* vp) {
    static const char* const kLevels[] = {"log", "info", "warn", "error", "debug"};
    JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
    auto* self = static_cast<Impl*>(JS_GetContextPrivate(cx));
    Run* ev = self->current_evaluation();
    args.rval().setUndefined();
    if (!ev || ev->console_truncated) return true;
    std::string line;
    for (unsigned i = 0; i < args.length(); ++i) {
      if (i) line += ' ';
      line += self->console_text(args[i]);
      if (line.size() > self->config.console_bytes) break;
    }
    self->console_append(*ev, kLevels[Level], std::move(line));
    return true;
  }

  // apiCaller ----------------------------------------------------------------------------

  static bool api_caller_native(JSContext* cx, unsigned argc, JS::Value* vp) {
    JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
    auto* self = static_cast<Impl*>(JS_GetContextPrivate(cx));
    Run* ev = self->current_evaluation();
    if (!ev || ev->error) {
      JS_ReportErrorASCII(cx, "apiCaller was called after this evaluation ended");
      return false;
    }
    if (args.length() < 1 || !args[0].isObject()) {
      JS_ReportErrorASCII(cx, "apiCaller expects one request object: { service, endpoint, params, serviceParams }");
      return false;
    }
    if (ev->pending_calls.size() >= kMaxPendingCallsPerEvaluation) {
      JS_ReportErrorASCII(cx, "apiCaller: more than %zu calls in flight at once", kMaxPendingCallsPerEvaluation);
      return false;
    }
    if (ev->calls_made >= kMaxCallsPerEvaluation) {
      JS_ReportErrorASCII(cx, "apiCaller: more than %llu calls in one evaluation", (unsigned long long)kMaxCallsPerEvaluation);
      return false;
    }
    std::string request;
    if (!to_json(cx, args[0], request, kMaxRequestBytes)) return false;
    JS::RootedObject promise(cx, JS::NewPromiseObject(cx, nullptr));
    if (!promise) return false;
    std::uint64_t call = ++ev->calls_made;
    ev->pending_calls.emplace(std::piecewise_construct, std::forward_as_tuple(call), std::forward_as_tuple(cx, promise));
    self->send({{"type", "call"}, {"job", ev->job}, {"call", call}}, request);
    args.rval().setObject(*promise);
    return true;
  }

  // Jobs and completion ----------------------------------------------------------------

  // Runs queued promise jobs until none is left. Each round takes the whole queue as a
  // batch and drops it once run, so a chain of a million awaits holds one job at a time,
  // not a million rooted ones.
  void drain_jobs() {
    if (draining) return;  // the outer loop runs what a nested call would have
    draining = true;
    while (!jobs->empty()) {
      std::swap(running->get(), jobs->get());
      for (std::size_t i = 0; i < running->length(); ++i) {
        JS::RootedObject job(cx, (*running)[i]);
        Run* ev = evaluation_of_realm(JS::GetObjectRealmOrNull(job));
        if (!ev) continue;
        --ev->queued_jobs;
        if (ev->error) continue;  // its evaluation already ended
        // The watchdog interrupts running code at its deadline; between jobs the clock is
        // read every so often (reading it for each of millions of jobs shows in profiles).
        if ((++jobs_run & 255) == 0 && Clock::now() >= ev->deadline) {
          ev->timed_out = true;
          fail(*ev, "time limit exceeded");
          continue;
        }
        JSAutoRealm realm(cx, job);
        Running running_ev(*this, ev);
        JS::RootedValue rval(cx);
        if (!JS::Call(cx, JS::UndefinedHandleValue, job, JS::HandleValueArray::empty(), &rval))
          fail(*ev, take_failure(*ev));
      }
      running->clear();
    }
    draining = false;
  }

  void fail(Run& ev, std::string message) {
    if (!ev.error) ev.error = std::move(message);
  }

  // "a string (\"yes\")", "an object", "a bigint (1n)": for messages about wrong values.
  std::string describe_value(JS::HandleValue v) {
    if (v.isObject()) return JS::IsCallable(&v.toObject()) ? "a function" : "an object";
    if (v.isSymbol()) return "a symbol";
    std::string shown = truncate_utf8(console_text(v), 100, "...");
    if (v.isString()) return "a string (\"" + shown + "\")";
    if (v.isNumber()) return "a number (" + shown + ")";
    if (v.isBigInt()) return "a bigint (" + shown + "n)";
    return shown;  // undefined, null
  }

  // Reads the signature's return value without running any of its code: getters and
  // proxies are refused rather than invoked.
  std::pair<sandbox::Status, std::optional<std::string>> interpret(JS::HandleValue value) {
    auto wrong = [&](const std::string& what) {
      return std::make_pair(sandbox::Status::Error, std::optional<std::string>(std::string(kExpectedReturn) + ", " + what));
    };
    if (value.isUndefined()) return wrong("got undefined");
    if (value.isNull()) return wrong("got null");
    if (!value.isObject()) return wrong("got a " + std::string(value.isString() ? "string" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "primitive"));
    JS::RootedObject obj(cx, &value.toObject());
    if (js::IsProxy(obj)) return wrong("got a Proxy");
    if (JS::IsCallable(obj)) return wrong("got a function");

    auto data_property = [&](const char* name, JS::MutableHandleValue out, std::string& problem) {
      JS::Rooted<mozilla::Maybe<JS::PropertyDescriptor>> desc(cx);
      if (!JS_GetOwnPropertyDescriptor(cx, obj, name, &desc)) {
        JS_ClearPendingException(cx);
        problem = std::string("could not read ") + name;
        return false;
      }
      if (desc.isNothing()) {
        out.setUndefined();
        return true;
      }
      if (desc->isAccessorDescriptor()) {
        problem = std::string(name) + " is a getter, not a plain value";
        return false;
      }
      out.set(desc->value());
      return true;
    };

    std::string problem;
    JS::RootedValue sig(cx), msg(cx);
    if (!data_property("statusSig", &sig, problem)) return wrong(problem);
    if (sig.isUndefined()) return wrong("statusSig is missing");
    if (!sig.isBoolean()) return wrong("statusSig is " + describe_value(sig) + ", not a boolean");
    if (!data_property("statusMessage", &msg, problem)) return wrong(problem);
    std::optional<std::string> message;
    if (msg.isString()) {
      JS::RootedString s(cx, msg.toString());
      bool cut_short = JS_GetStringLength(s) > kMaxStatusMessageBytes;
      if (cut_short) {  // cut before converting: the whole string may be huge
        JS::RootedString cut(cx, JS_NewDependentString(cx, s, 0, kMaxStatusMessageBytes));
        if (!cut) JS_ClearPendingException(cx);
        else s = cut;
      }
      message = truncate_utf8(to_utf8(cx, s), kMaxStatusMessageBytes, " [message truncated]");
      if (cut_short && message->size() <= kMaxStatusMessageBytes) *message += " [message truncated]";
    } else if (!msg.isNullOrUndefined()) {
      return wrong("statusMessage is not a string");
    }
    return {sig.toBoolean() ? sandbox::Status::Pass : sandbox::Status::Fail, message};
  }

  // Ends every evaluation that has failed or whose promise has settled; evaluations that
  // can no longer make progress (nothing queued, no call pending) fail now, not at their
  // deadline.
  void settle() {
    std::vector<std::uint64_t> done;
    for (auto& [job, ev] : evaluations) {
      if (!ev->error && ev->result) {
        JS::PromiseState state = JS::GetPromiseState(ev->result);
        if (state == JS::PromiseState::Pending) {
          if (ev->pending_calls.empty() && jobs->empty())
            fail(*ev, "the signature's promise never settles (nothing left to wait for)");
          else
            continue;
        }
      }
      done.push_back(job);
    }
    for (auto job : done) finish(job);
  }

  void finish(std::uint64_t job) {
    auto it = evaluations.find(job);
    if (it == evaluations.end()) return;
    Run& ev = *it->second;
    std::string status = "error";
    std::optional<std::string> message;
    if (ev.out_of_memory) {
      message = out_of_memory_message();  // a broken limit is never Pass or Fail
    } else if (ev.error) {
      message = ev.error;
    } else {
      JSAutoRealm realm(cx, ev.global);
      Running running(*this, &ev);
      JS::RootedValue value(cx, JS::GetPromiseResult(ev.result));
      if (JS::GetPromiseState(ev.result) == JS::PromiseState::Rejected) {
        JS::ExceptionStack exn(cx, value, nullptr);
        message = describe_exception(exn);
      } else {
        auto [st, msg] = interpret(value);
        status = st == sandbox::Status::Pass ? "pass" : st == sandbox::Status::Fail ? "fail" : "error";
        message = msg;
      }
      if (ev.out_of_memory) {  // reading the result can run out too
        status = "error";
        message = out_of_memory_message();
      }
    }
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - ev.started).count();
    nlohmann::json header = {{"type", "done"}, {"job", job}, {"status", status}, {"durationMs", ms},
                             {"console", std::move(ev.console)}, {"consoleTruncated", ev.console_truncated}};
    if (message) header["message"] = *message;
    // Which sandbox limit ended it, if one did: the parent's policies (skipping a runaway
    // signature) act on the cause, not on the wording.
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) == 0) header["workerPeakRssKiB"] = static_cast<std::uint64_t>(std::max(0L, usage.ru_maxrss));
    if (ev.out_of_memory) header["limit"] = "memory";
    else if (ev.timed_out) header["limit"] = "time";
    send(header, {});
    bool exhausted = ev.out_of_memory;
    if (ev.global) JS::SetRealmPrivate(JS::GetObjectRealmOrNull(ev.global), nullptr);
    evaluations.erase(it);
    if (exhausted && !retiring) {
      // Reclaim now, and ask to be replaced: a process that once hit its memory limit may
      // be fragmented or half-broken, and a fresh one costs milliseconds.
      JS_GC(cx);
      retiring = true;
      send({{"type", "retire"}}, {});
    } else if (++finished_since_gc >= 256) {
      finished_since_gc = 0;
      JS_MaybeGC(cx);
    }
  }

  // Operations from the parent -----------------------------------------------------------

  void compile(std::uint64_t id, const std::string& filename, const std::string& source, bool reply) {
    auto existing = scripts.find(id);
    if (existing == scripts.end()) {
      CompiledScript compiled;
      compiled.filename = filename;
      JSAutoRealm realm(cx, *anchor);  // compiling outside a realm crashes on syntax errors
      JS::CompileOptions options(cx);
      options.setFileAndLine(compiled.filename.c_str(), 1).setForceFullParse().setNoScriptRval(true);
      JS::SourceText<mozilla::Utf8Unit> text;
      if (!text.init(cx, source.data(), source.size(), JS::SourceOwnership::Borrowed)) {
        compiled.error = nlohmann::json{{"message", "source could not be read"}, {"line", 0}, {"column", 0}};
        JS_ClearPendingException(cx);
      } else {
        compiled.stencil = JS::CompileGlobalScriptToStencil(cx, options, text);
        if (!compiled.stencil) compiled.error = compile_error();
      }
      existing = scripts.emplace(id, std::move(compiled)).first;
      script_order.push_back(id);
      while (scripts.size() > protocol::kMaxCachedScripts) {
        scripts.erase(script_order.front());
        script_order.pop_front();
      }
    }
    if (reply) {
      nlohmann::json header = {{"type", "compiled"}, {"script", id}};
      if (existing->second.error) header["error"] = *existing->second.error;
      send(header, {});
    }
  }

  nlohmann::json compile_error() {
    JS::ExceptionStack exn(cx);
    if (!JS::StealPendingExceptionStack(cx, &exn))
      return {{"message", "the script could not be compiled"}, {"line", 0}, {"column", 0}};
    JS::ErrorReportBuilder builder(cx);
    if (!builder.init(cx, exn, JS::ErrorReportBuilder::NoSideEffects) || !builder.report()) {
      JS_ClearPendingException(cx);
      return {{"message", "the script could not be compiled"}, {"line", 0}, {"column", 0}};
    }
    JSErrorReport* report = builder.report();
    return {{"message", std::string(exception_name(JSExnType(report->exnType))) + ": " +
                            (report->message() ? report->message().c_str() : "")},
            {"line", report->lineno},
            {"column", report->column + 1}};
  }

  void start(std::uint64_t job, std::uint64_t script_id, const std::string& resource, Clock::time_point budget_deadline,
             Clock::time_point hard_deadline) {
    if (evaluations.count(job)) return;  // a duplicate job id from a confused parent
    auto ev_owned = std::make_unique<Run>(cx, job);
    Run& ev = *ev_owned;
    ev.started = Clock::now();
    ev.budget_deadline = budget_deadline;
    ev.hard_deadline = hard_deadline;
    ev.deadline = std::min(budget_deadline, hard_deadline);
    evaluations.emplace(job, std::move(ev_owned));

    auto script = scripts.find(script_id);
    if (script == scripts.end()) {
      fail(ev, "internal error: script was not sent to this worker");
    } else if (script->second.error) {
      const auto& e = *script->second.error;
      fail(ev, e["message"].get<std::string>() + " (" + script->second.filename + ":" + std::to_string(e["line"].get<int>()) +
                   ":" + std::to_string(e["column"].get<int>()) + ")");
    } else {
      run_signature(ev, script->second.stencil, resource);
    }
    drain_jobs();
    settle();
  }

  // What a fresh global gets before a signature's code: console, module and exports.
  // Returns `module`, or null with an exception pending.
  JSObject* define_globals(JS::HandleObject global) {
    static const JSFunctionSpec console_functions[] = {
        JS_FN("log", console_native<0>, 0, JSPROP_ENUMERATE), JS_FN("info", console_native<1>, 0, JSPROP_ENUMERATE),
        JS_FN("warn", console_native<2>, 0, JSPROP_ENUMERATE), JS_FN("error", console_native<3>, 0, JSPROP_ENUMERATE),
        JS_FN("debug", console_native<4>, 0, JSPROP_ENUMERATE), JS_FS_END};
    JS::RootedObject console(cx, JS_NewPlainObject(cx));
    JS::RootedObject module(cx, JS_NewPlainObject(cx));
    JS::RootedObject exports(cx, JS_NewPlainObject(cx));
    if (!console || !module || !exports || !JS_DefineFunctions(cx, console, console_functions) ||
        !JS_DefineProperty(cx, global, "console", console, 0) || !JS_DefineProperty(cx, module, "exports", exports, JSPROP_ENUMERATE) ||
        !JS_DefineProperty(cx, global, "module", module, 0) || !JS_DefineProperty(cx, global, "exports", exports, 0))
      return nullptr;
    return module;
  }

  void run_signature(Run& ev, JS::Stencil* stencil, const std::string& resource) {
    Running running(*this, &ev);
    ev.global = new_global();
    if (!ev.global) {
      fail(ev, take_failure(ev));
      return;
    }
    JS::SetRealmPrivate(JS::GetObjectRealmOrNull(ev.global), &ev);
    JSAutoRealm realm(cx, ev.global);
    auto failed = [&] { fail(ev, take_failure(ev)); };

    JS::RootedObject module(cx, define_globals(ev.global));
    if (!module) return failed();

    // lib first: it captures the built-ins it uses before the signature's code can touch them.
    JS::RootedValue lib(cx);
    if (!instantiate_lib(&lib)) return failed();

    JS::InstantiateOptions options;
    JS::RootedScript code(cx, JS::InstantiateGlobalStencil(cx, options, stencil));
    if (!code || !JS_ExecuteScript(cx, code)) return failed();

    JS::RootedValue exported(cx);
    if (!JS_GetProperty(cx, module, "exports", &exported)) return failed();
    if (!exported.isObject() || !JS::IsCallable(&exported.toObject()))
      return fail(ev, "module.exports must be a function (apiCaller, resource, lib) => { statusSig, statusMessage }, got " +
                          std::string(exported.isObject() ? "an object" : exported.isUndefined() ? "undefined" : "a primitive"));

    JS::RootedValue resource_value(cx);
    JS::RootedString resource_text(cx, JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(resource.data(), resource.size())));
    if (!resource_text || !JS_ParseJSON(cx, resource_text, &resource_value)) return failed();

    JS::RootedObject api_caller(cx, JS_GetFunctionObject(JS_NewFunction(cx, api_caller_native, 1, 0, "apiCaller")));
    if (!api_caller) return failed();
    JS::RootedValueArray<3> args(cx);
    args[0].setObject(*api_caller);
    args[1].set(resource_value);
    args[2].set(lib);
    JS::RootedValue returned(cx);
    if (!JS::Call(cx, JS::UndefinedHandleValue, exported, args, &returned)) return failed();
    // Promise.resolve() would look up `then` on a Proxy, running its traps: refuse it first.
    if (returned.isObject() && js::IsProxy(&returned.toObject()))
      return fail(ev, std::string(kExpectedReturn) + ", got a Proxy");
    ev.result = JS::CallOriginalPromiseResolve(cx, returned);
    if (!ev.result) return failed();
  }

  void api_reply(std::uint64_t job, std::uint64_t call, bool thrown, const std::string& body, std::chrono::milliseconds excused) {
    auto it = evaluations.find(job);
    if (it == evaluations.end()) return;  // ended (time-out) before the answer came
    Run& ev = *it->second;
    if (excused.count() > 0 && ev.budget_deadline != Clock::time_point::max()) {
      ev.budget_deadline += std::min<std::chrono::milliseconds>(excused, std::chrono::hours(24));
      ev.deadline = std::min(ev.budget_deadline, ev.hard_deadline);
    }
    auto pending = ev.pending_calls.find(call);
    if (pending == ev.pending_calls.end()) return;
    JS::RootedObject promise(cx, pending->second);
    ev.pending_calls.erase(pending);
    if (!ev.error && Clock::now() >= ev.deadline) {  // the budget ran out while it waited
      ev.timed_out = true;
      fail(ev, "time limit exceeded");
    }
    if (!ev.error) {
      JSAutoRealm realm(cx, promise);
      Running running(*this, &ev);
      JS::RootedValue value(cx);
      bool settled;
      if (thrown) {
        JS_ReportErrorUTF8(cx, "%s", body.c_str());
        settled = JS_GetPendingException(cx, &value);
        JS_ClearPendingException(cx);
        settled = settled && JS::RejectPromise(cx, promise, value);
      } else {
        JS::RootedString text(cx, JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(body.data(), body.size())));
        settled = text && JS_ParseJSON(cx, text, &value) && JS::ResolvePromise(cx, promise, value);
      }
      if (!settled) fail(ev, take_failure(ev));
    }
    drain_jobs();
    settle();
  }

  void cancel(std::uint64_t job, const std::string& message) {
    auto it = evaluations.find(job);
    if (it == evaluations.end()) return;
    fail(*it->second, message);
    finish(job);
  }

  std::optional<Clock::time_point> expire() {
    auto now = Clock::now();
    std::optional<Clock::time_point> next;
    std::vector<std::uint64_t> late;
    for (auto& [job, ev] : evaluations) {
      // Awaiting its own apiCaller answers, an evaluation's budget does not run out: the
      // answer says how long the backend's rate limits held it (excused), and the budget
      // is checked again then. A fixed deadline (a Test run's) ends it regardless.
      bool awaiting_answers = !ev->pending_calls.empty() && now < ev->hard_deadline;
      if (now >= ev->deadline && !awaiting_answers) {
        ev->timed_out = true;
        fail(*ev, "time limit exceeded");
        late.push_back(job);
      } else if (!awaiting_answers && (!next || ev->deadline < *next)) {
        next = ev->deadline;
      } else if (awaiting_answers && ev->hard_deadline != Clock::time_point::max() && (!next || ev->hard_deadline < *next)) {
        next = ev->hard_deadline;
      }
    }
    for (auto job : late) finish(job);
    return next;
  }

  // The worker thread's CPU time (not wall time: the figure holds on a busy machine).
  static double thread_cpu_us() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
  }

  // Each realm is set up as an evaluation's is before its signature runs (globals, and a
  // resource parsed from JSON), then as `setup` says: the difference between setups is what
  // lib adds to an evaluation.
  void measure_realm(int count, RealmSetup setup) {
    static const char resource[] = R"({"id":"AIDA1","name":"alice","region":"us-east-1","tags":{"team":"data"},"data":{"Groups":["admins"]}})";
    double t0 = thread_cpu_us();
    for (int i = 0; i < count; ++i) {
      JS::RootedObject global(cx, new_global());
      if (!global) break;
      JSAutoRealm realm(cx, global);
      JS::RootedValue lib(cx), parsed(cx);
      JS::RootedString text(cx, JS_NewStringCopyN(cx, resource, sizeof resource - 1));
      bool ok = define_globals(global) && text && JS_ParseJSON(cx, text, &parsed);
      ok = ok && (setup == RealmSetup::Bare || instantiate_lib(&lib));
      if (ok && setup == RealmSetup::WithEveryLibPart) {
        JS::RootedObject object(cx, &lib.toObject());
        JS::RootedValue part(cx);
        for (const auto& entry : lib_parts) ok = ok && JS_GetProperty(cx, object, entry.first.c_str(), &part);  // loads it
      }
      if (!ok) {
        JS_ClearPendingException(cx);
        break;
      }
    }
    double us = (thread_cpu_us() - t0) / std::max(count, 1);
    JS_GC(cx);
    send({{"type", "measured"}, {"usPerRealm", us}}, {});
  }
};

JsEngine::JsEngine(const EngineConfig& config, Send send) : impl_(std::make_unique<Impl>(config, std::move(send))) {
  impl_->init();
}
JsEngine::~JsEngine() { impl_->shutdown(); }
void JsEngine::start_watchdog() { impl_->start_watchdog(); }
void JsEngine::compile(std::uint64_t script, const std::string& filename, const std::string& source, bool reply) {
  impl_->compile(script, filename, source, reply);
}
void JsEngine::start(std::uint64_t job, std::uint64_t script, const std::string& resource_json, Clock::time_point budget_deadline,
                     Clock::time_point hard_deadline) {
  impl_->start(job, script, resource_json, budget_deadline, hard_deadline);
}
void JsEngine::cancel(std::uint64_t job, const std::string& message) { impl_->cancel(job, message); }
void JsEngine::api_reply(std::uint64_t job, std::uint64_t call, bool thrown, const std::string& body, std::chrono::milliseconds excused) {
  impl_->api_reply(job, call, thrown, body, excused);
}
void JsEngine::measure_realm(int count, RealmSetup setup) { impl_->measure_realm(count, setup); }
std::optional<JsEngine::Clock::time_point> JsEngine::expire() { return impl_->expire(); }

}  // namespace signet::sandbox
