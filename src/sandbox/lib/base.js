// The base of lib's parts: the built-ins captured when a signature first uses lib, and the
// helpers every part shares (failures that name the lib function, argument checks, wildcard
// matching, namespaces). core.js loads it on first use; it evaluates to a function of the
// sandbox's native freeze and core's `use`, which returns S, what each part gets.
(function (freeze, use) {
  "use strict";
  // Captured now, when the signature first uses lib, not before its code runs: a fresh global
  // sets most of these up only when something touches them (String's methods, JSON, Date,
  // ...), and a signature that never uses lib should not pay for them.
  const uncurry = Function.prototype.bind.bind(Function.prototype.call);
  const objectKeys = Object.keys;
  const createObject = Object.create;
  const defineProperty = Object.defineProperty;
  const ownNames = Object.getOwnPropertyNames;
  const ownSymbols = Object.getOwnPropertySymbols;
  const ownDescriptor = Object.getOwnPropertyDescriptor;
  const hasOwn = uncurry(Object.prototype.hasOwnProperty);
  const isArray = Array.isArray;
  const sortList = uncurry(Array.prototype.sort);
  const apply = uncurry(Function.prototype.apply);
  const toLower = uncurry(String.prototype.toLowerCase);
  const indexOfText = uncurry(String.prototype.indexOf);
  const lastIndexOfText = uncurry(String.prototype.lastIndexOf);
  const sliceText = uncurry(String.prototype.slice);
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const trimText = uncurry(String.prototype.trim);
  const jsonParse = JSON.parse;
  const decodeUri = decodeURIComponent;
  const dateParse = Date.parse;
  const DateConstructor = Date;
  const dateTime = uncurry(Date.prototype.getTime);
  const isFiniteNumber = Number.isFinite;
  const isInteger = Number.isInteger;
  const BigIntOf = BigInt;
  const StringOf = String;
  const NumberOf = Number;
  const ErrorConstructors = freeze({ Error, TypeError, RangeError });
  const errorStack = uncurry(ownDescriptor(Error.prototype, "stack").get);
  const SetConstructor = Set;
  const setHas = uncurry(Set.prototype.has);
  const setAdd = uncurry(Set.prototype.add);

  const LIB_FILES = "signet-lib/";  // the file names lib's frames carry

  const MAX_ITEMS = 1000000;  // longest list lib walks
  const MAX_PATTERN = 65536;  // longest metric filter pattern lib parses (AWS allows 1,024)

  // --- Failures and entry points -----------------------------------------------------------

  // Thrown inside lib; each entry point turns it into a real Error naming itself. Never
  // escapes lib as is.
  function Failure(type, message) {
    this.type = type;
    this.message = message;
  }
  const fail = (message) => { throw new Failure("Error", message); };
  const failType = (message) => { throw new Failure("TypeError", message); };

  // "a string ("x")", "an object", ... without running any of the value's own code.
  function describe(value) {
    if (value === null) return "null";
    if (value === undefined) return "undefined";
    const type = typeof value;
    if (type === "string") return 'a string ("' + (value.length > 60 ? sliceText(value, 0, 60) + "..." : value) + '")';
    if (type === "number") return "a number (" + StringOf(value) + ")";
    if (type === "boolean") return value ? "true" : "false";
    if (type === "bigint") return "a bigint";
    if (type === "symbol") return "a symbol";
    if (type === "function") return "a function";
    return isArray(value) ? "an array" : "an object";
  }

  // The message of whatever a signature's own code threw (a getter, a Proxy trap).
  function messageOf(thrown) {
    try {
      if (thrown !== null && typeof thrown === "object") {
        const m = thrown.message;
        if (typeof m === "string") return m;
      }
      if (typeof thrown === "string") return thrown;
    } catch (e) {
      // its message getter threw too
    }
    return "a thrown " + describe(thrown);
  }

  // Where the signature called lib: the first stack frame outside this file.
  function callerLocation() {
    let stack;
    try {
      stack = errorStack(new ErrorConstructors.Error());
    } catch (e) {
      return null;
    }
    let start = 0;
    while (start < stack.length) {
      let end = indexOfText(stack, "\n", start);
      if (end < 0) end = stack.length;
      const frame = sliceText(stack, start, end);
      start = end + 1;
      const at = indexOfText(frame, "@");
      const colon2 = lastIndexOfText(frame, ":");
      const colon1 = colon2 > 0 ? lastIndexOfText(frame, ":", colon2 - 1) : -1;
      if (at < 0 || colon1 <= at) continue;
      const file = sliceText(frame, at + 1, colon1);
      if (sliceText(file, 0, LIB_FILES.length) === LIB_FILES) continue;
      const line = NumberOf(sliceText(frame, colon1 + 1, colon2));
      if (isInteger(line)) return { file, line };
    }
    return null;
  }

  function rethrown(name, thrown) {
    const own = thrown instanceof Failure;
    const Type = ErrorConstructors[own ? thrown.type : "Error"] || ErrorConstructors.Error;
    const message = name + ": " + (own ? thrown.message : messageOf(thrown));
    const where = callerLocation();
    return where ? new Type(message, where.file, where.line) : new Type(message);
  }

  // A public member: errors from inside name it; arguments pass through as given.
  function entry(name, impl) {
    const fullName = "lib." + name;
    // A method named fullName: no prototype, not a constructor.
    const wrapper = {
      [fullName]() {
        try {
          return apply(impl, undefined, arguments);
        } catch (thrown) {
          throw rethrown(fullName, thrown);
        }
      },
    }[fullName];
    return freeze(wrapper);
  }

  // --- Small helpers -------------------------------------------------------------------------

  function add(list, value) {
    defineProperty(list, list.length, { value, writable: true, enumerable: true, configurable: true });
    return list;
  }

  // Own property of a plain object; inherited ones (a replaced prototype) are not read.
  const own = (object, key) => (object !== null && typeof object === "object" && hasOwn(object, key) ? object[key] : undefined);

  function checkedLength(list, what) {
    const n = list.length;
    if (typeof n !== "number" || !(n >= 0)) fail(what + " has no usable length");
    if (n > MAX_ITEMS) fail(what + " has " + n + " entries; lib reads at most " + MAX_ITEMS);
    return n;
  }

  // A value or list of values as a fresh array (a single value becomes [value]; absent, []).
  function listOf(value, what) {
    if (value === undefined || value === null) return [];
    if (!isArray(value)) return [value];
    const n = checkedLength(value, what);
    const out = [];
    for (let i = 0; i < n; i++) add(out, value[i]);
    return out;
  }

  function stringsOf(value, what) {
    const list = listOf(value, what);
    for (let i = 0; i < list.length; i++)
      if (typeof list[i] !== "string") failType(what + (isArray(value) ? "[" + i + "]" : "") + " is " + describe(list[i]) + ", not a string");
    return list;
  }

  function requireString(value, what) {
    if (typeof value !== "string") failType(what + " must be a string, got " + describe(value));
    return value;
  }

  function requireArray(value, what) {
    if (!isArray(value)) failType(what + " must be an array, got " + describe(value));
    checkedLength(value, what);
    return value;
  }

  function hasAny(list, values) {
    for (let i = 0; i < list.length; i++) for (let k = 0; k < values.length; k++) if (list[i] === values[k]) return true;
    return false;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !isArray(value);
  }

  // `*` matches any run of characters, `?` any one. With `wildTextStars`, a `*` in the text
  // stands for any run too and only a `*` of the pattern matches it: then a match means
  // every text the first pattern matches, the second matches as well.
  function wildcardMatch(pattern, text, ignoreCase, wildTextStars) {
    if (ignoreCase) {
      pattern = toLower(pattern);
      text = toLower(text);
    }
    const STAR = 42, QUESTION = 63;
    let p = 0, t = 0, star = -1, mark = 0;
    const pl = pattern.length, tl = text.length;
    while (t < tl) {
      const pc = p < pl ? charCodeAt(pattern, p) : -1;
      const tc = charCodeAt(text, t);
      if (pc !== STAR && pc !== -1 && (pc === QUESTION || pc === tc) && !(wildTextStars && tc === STAR)) {
        p++;
        t++;
      } else if (pc === STAR) {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pl && charCodeAt(pattern, p) === STAR) p++;
    return p === pl;
  }

  // Freezes `root` and everything reachable through its own properties (not prototypes, which
  // are the realm's built-ins).
  function deepFreeze(root) {
    const pending = [root], seen = new SetConstructor();
    while (pending.length) {
      const value = pending[pending.length - 1];
      pending.length--;
      if ((typeof value !== "object" && typeof value !== "function") || value === null || setHas(seen, value)) continue;
      setAdd(seen, value);
      freeze(value);
      const names = ownNames(value), symbols = ownSymbols(value);
      for (let i = 0; i < names.length + symbols.length; i++) {
        const d = ownDescriptor(value, i < names.length ? names[i] : symbols[i - names.length]);
        if (hasOwn(d, "value")) add(pending, d.value);
        if (d.get) add(pending, d.get);
        if (d.set) add(pending, d.set);
      }
    }
    return root;
  }

  // A frozen namespace object: no prototype, so only its own members show. Getters stay
  // getters (data built on first use).
  function namespace(members) {
    const ns = createObject(null);
    const names = objectKeys(members);
    for (let i = 0; i < names.length; i++) {
      const d = ownDescriptor(members, names[i]);
      defineProperty(ns, names[i], d.get ? { get: freeze(d.get), enumerable: true } : { value: members[names[i]], enumerable: true });
    }
    return freeze(ns);
  }

  // A value built on first use, then kept for the rest of the evaluation.
  function lazy(build) {
    let value, built = false;
    return () => {
      if (!built) {
        value = build();
        built = true;
      }
      return value;
    };
  }

  return freeze({
    __proto__: null,
    use, freeze, objectKeys, createObject, defineProperty, ownNames, ownSymbols, ownDescriptor, hasOwn,
    isArray, sortList, apply, uncurry, toLower, indexOfText, lastIndexOfText, sliceText, charCodeAt,
    trimText, jsonParse, decodeUri, dateParse, DateConstructor, dateTime, isFiniteNumber, isInteger,
    BigIntOf, StringOf, NumberOf, ErrorConstructors, errorStack, SetConstructor, setHas, setAdd, MAX_ITEMS,
    MAX_PATTERN, fail, failType, own, Failure, describe, messageOf, callerLocation, rethrown, entry, add,
    checkedLength, listOf, stringsOf, requireString, requireArray, hasAny, isObject, wildcardMatch,
    deepFreeze, namespace, lazy,
  });
});
