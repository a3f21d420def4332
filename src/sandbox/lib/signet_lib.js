// Signet's helper library for signatures: the third argument of a signature's function,
//   module.exports = async function (apiCaller, resource, lib) { ... }
//
// This file is data: the sandbox compiles it once per worker and runs it in every
// evaluation's fresh global before the signature's own code, then hands the frozen result
// to the signature. It only computes (no apiCaller, no I/O), so a signature's calls stay
// literal in its own code, where `signet permissions` reads them.
//
// Robustness rules for everything below:
// - The built-ins lib uses are captured here, before any signature code runs, and called
//   uncurried: a signature that replaces String.prototype.toLowerCase or JSON.parse changes
//   nothing lib computes. Arrays lib builds grow by defineProperty, never through setters.
// - Input is read, never trusted: wrong types are refused with a clear Error naming the lib
//   function ("lib.iam.parse: ..."), located at the signature's line that called it. Lists
//   longer than MAX_ITEMS are refused rather than walked until the time limit.
// - Nothing recurses into input, so cyclic objects are harmless.
//
// Documentation lives in this file, once: each `//:` comment block documents the member
// defined right after it. Its first line is the member's signature, the next ones its
// one-line description, and a line starting `e.g.` an example. The build extracts them
// (extract_docs.py) for the console editor's completions, and a test checks that every
// member of `lib` has one.
(function () {
  "use strict";

  // --- Built-ins, captured before any signature code runs ------------------------------

  const uncurry = Function.prototype.bind.bind(Function.prototype.call);
  const freeze = Object.freeze;
  const objectKeys = Object.keys;
  const createObject = Object.create;
  const defineProperty = Object.defineProperty;
  const ownNames = Object.getOwnPropertyNames;
  const ownSymbols = Object.getOwnPropertySymbols;
  const ownDescriptor = Object.getOwnPropertyDescriptor;
  const isFrozen = Object.isFrozen;
  const hasOwn = uncurry(Object.prototype.hasOwnProperty);
  const isArray = Array.isArray;
  const apply = Reflect.apply;
  const sortList = uncurry(Array.prototype.sort);
  const toLower = uncurry(String.prototype.toLowerCase);
  const indexOfText = uncurry(String.prototype.indexOf);
  const lastIndexOfText = uncurry(String.prototype.lastIndexOf);
  const sliceText = uncurry(String.prototype.slice);
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const trimText = uncurry(String.prototype.trim);
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const decodeUri = decodeURIComponent;
  const dateParse = Date.parse;
  const DateConstructor = Date;
  const dateTime = uncurry(Date.prototype.getTime);
  const isFiniteNumber = Number.isFinite;
  const isInteger = Number.isInteger;
  const floor = Math.floor;
  const BigIntOf = BigInt;
  const StringOf = String;
  const NumberOf = Number;
  const ErrorConstructors = freeze({ Error, TypeError, RangeError });
  const errorStack = uncurry(ownDescriptor(Error.prototype, "stack").get);
  const LIB_FILE = "signet-lib.js";

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
      if (file === LIB_FILE) continue;
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
    // A method: no prototype, not a constructor.
    const wrapper = {
      member() {
        try {
          return apply(impl, undefined, arguments);
        } catch (thrown) {
          throw rethrown(fullName, thrown);
        }
      },
    }.member;
    defineProperty(wrapper, "name", { value: fullName });
    defineProperty(wrapper, "length", { value: impl.length });
    return wrapper;
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

  function deepFreeze(root) {
    const pending = [root];
    while (pending.length) {
      const value = pending[pending.length - 1];
      pending.length--;
      if ((typeof value !== "object" && typeof value !== "function") || value === null || isFrozen(value)) continue;
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

  // A namespace object: no prototype, so only its own members show.
  function namespace(members) {
    const ns = createObject(null);
    const names = objectKeys(members);
    for (let i = 0; i < names.length; i++) defineProperty(ns, names[i], { value: members[names[i]], enumerable: true });
    return ns;
  }

  // --- Networks ------------------------------------------------------------------------------

  // { v6, bits, address (BigInt), prefix } of an IPv4 or IPv6 CIDR or plain address.
  function parseCidr(text, what) {
    if (typeof text !== "string") failType(what + " must be a CIDR string, got " + describe(text));
    const bad = () => fail(what + " '" + (text.length > 80 ? sliceText(text, 0, 80) + "..." : text) + "' is not a CIDR (IPv4 like 10.0.0.0/8 or IPv6 like fc00::/7)");
    const s = trimText(text);
    const slash = indexOfText(s, "/");
    const host = slash < 0 ? s : sliceText(s, 0, slash);
    const v6 = indexOfText(host, ":") >= 0;
    const bits = v6 ? 128 : 32;
    const address = v6 ? parseIpv6(host) : parseIpv4(host);
    if (address === null) bad();
    let prefix = bits;
    if (slash >= 0) {
      const p = sliceText(s, slash + 1);
      if (p.length === 0 || p.length > 3) bad();
      for (let i = 0; i < p.length; i++) {
        const c = charCodeAt(p, i);
        if (c < 48 || c > 57) bad();
      }
      prefix = NumberOf(p);
      if (prefix > bits) bad();
    }
    return { v6, bits, address: maskTo(address, bits, prefix), prefix };
  }

  function parseIpv4(text) {
    let value = 0n, parts = 0, start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && charCodeAt(text, i) !== 46) continue;
      const part = sliceText(text, start, i);
      if (part.length === 0 || part.length > 3) return null;
      for (let k = 0; k < part.length; k++) {
        const c = charCodeAt(part, k);
        if (c < 48 || c > 57) return null;
      }
      const n = NumberOf(part);
      if (n > 255) return null;
      value = (value << 8n) | BigIntOf(n);
      parts++;
      start = i + 1;
    }
    return parts === 4 ? value : null;
  }

  function parseIpv6(text) {
    const hexGroup = (g) => {
      if (g.length === 0 || g.length > 4) return null;
      let v = 0;
      for (let k = 0; k < g.length; k++) {
        const c = charCodeAt(g, k);
        const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
        if (d < 0) return null;
        v = v * 16 + d;
      }
      return v;
    };
    // Groups of one side of "::" (or the whole address); an IPv4 tail counts as two groups.
    const groupsOf = (side, last) => {
      const groups = [];
      if (side.length === 0) return groups;
      let start = 0;
      for (let i = 0; i <= side.length; i++) {
        if (i < side.length && charCodeAt(side, i) !== 58) continue;
        const g = sliceText(side, start, i);
        if (i === side.length && last && indexOfText(g, ".") >= 0) {
          const v4 = parseIpv4(g);
          if (v4 === null) return null;
          add(groups, NumberOf(v4 >> 16n));
          add(groups, NumberOf(v4 & 0xffffn));
        } else {
          const v = hexGroup(g);
          if (v === null) return null;
          add(groups, v);
        }
        start = i + 1;
      }
      return groups;
    };
    const gap = indexOfText(text, "::");
    let groups;
    if (gap >= 0) {
      if (indexOfText(text, "::", gap + 1) >= 0) return null;
      const head = groupsOf(sliceText(text, 0, gap), false), tail = groupsOf(sliceText(text, gap + 2), true);
      if (head === null || tail === null || head.length + tail.length > 7) return null;
      groups = head;
      for (let i = head.length + tail.length; i < 8; i++) add(groups, 0);
      for (let i = 0; i < tail.length; i++) add(groups, tail[i]);
    } else {
      groups = groupsOf(text, true);
      if (groups === null || groups.length !== 8) return null;
    }
    let value = 0n;
    for (let i = 0; i < 8; i++) value = (value << 16n) | BigIntOf(groups[i]);
    return value;
  }

  function maskTo(address, bits, prefix) {
    const hostBits = BigIntOf(bits - prefix);
    return (address >> hostBits) << hostBits;
  }

  function cidrContains(outer, inner) {
    return outer.v6 === inner.v6 && outer.prefix <= inner.prefix &&
      maskTo(inner.address, inner.bits, outer.prefix) === outer.address;
  }

  const PRIVATE_RANGES = freeze([
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",  // RFC 1918
    "100.64.0.0/10",                                 // carrier-grade NAT (RFC 6598)
    "127.0.0.0/8", "169.254.0.0/16",                 // loopback, link-local
    "::1/128", "fe80::/10", "fc00::/7",              // IPv6 loopback, link-local, unique local
  ]);
  const privateRanges = [];
  for (let i = 0; i < PRIVATE_RANGES.length; i++) add(privateRanges, parseCidr(PRIVATE_RANGES[i], "range"));

  const isWorldCidr = (c) => c.prefix === 0;

  // IANA protocol numbers for the names EC2 accepts.
  const PROTOCOL_NUMBERS = freeze({ all: "-1", "-1": "-1", tcp: "6", udp: "17", icmp: "1", icmpv6: "58" });
  function protocolNumber(protocol) {
    const p = toLower(StringOf(protocol === undefined || protocol === null ? "-1" : protocol));
    return hasOwn(PROTOCOL_NUMBERS, p) ? PROTOCOL_NUMBERS[p] : p;
  }
  const carriesPorts = (protocol) => protocol === "6" || protocol === "17";

  // [[from, to], ...] of `ports` (numbers or [from, to] pairs); [] means every port.
  function portRanges(ports, what) {
    if (ports === undefined || ports === null) return [];
    const list = requireArray(ports, what);
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      let from, to;
      if (typeof p === "number") from = to = p;
      else if (isArray(p) && p.length === 2) {
        from = p[0];
        to = p[1];
      } else failType(what + "[" + i + "] must be a port number or a [from, to] pair, got " + describe(p));
      if (!isInteger(from) || !isInteger(to) || from < 0 || to > 65535 || from > to)
        fail(what + "[" + i + "] is not a port or port range between 0 and 65535");
      add(out, [from, to]);
    }
    return out;
  }

  const rangesMeet = (from, to, ranges) => {
    if (ranges.length === 0) return true;
    for (let i = 0; i < ranges.length; i++) if (ranges[i][0] <= to && from <= ranges[i][1]) return true;
    return false;
  };

  function portOf(value, fallback) {
    return typeof value === "number" && isInteger(value) && value >= 0 ? value : fallback;
  }

  const net = {
    //: lib.net.isWorld(cidr) -> boolean
    //: True for a CIDR that covers every address of its family (0.0.0.0/0, ::/0).
    //: e.g. lib.net.isWorld(range.CidrIp)
    isWorld: entry("net.isWorld", (cidr) => isWorldCidr(parseCidr(cidr, "cidr"))),

    //: lib.net.contains(outer, inner) -> boolean
    //: True when every address of `inner` (a CIDR or an address) lies in `outer`; IPv4 and IPv6 never contain each other.
    //: e.g. lib.net.contains("10.0.0.0/8", "10.1.2.0/24")
    contains: entry("net.contains", (outer, inner) => cidrContains(parseCidr(outer, "outer"), parseCidr(inner, "inner"))),

    //: lib.net.overlaps(a, b) -> boolean
    //: True when the two CIDRs share at least one address.
    //: e.g. lib.net.overlaps(vpc.CidrBlock, "192.168.0.0/16")
    overlaps: entry("net.overlaps", (a, b) => {
      const x = parseCidr(a, "a"), y = parseCidr(b, "b");
      return cidrContains(x, y) || cidrContains(y, x);
    }),

    //: lib.net.isPrivate(cidr) -> boolean
    //: True when the whole CIDR lies in a range the Internet does not route: RFC 1918, 100.64.0.0/10, loopback, link-local, fc00::/7 (lib.net.PRIVATE_RANGES).
    //: e.g. lib.net.isPrivate("172.20.0.0/16")
    isPrivate: entry("net.isPrivate", (cidr) => {
      const c = parseCidr(cidr, "cidr");
      for (let i = 0; i < privateRanges.length; i++) if (cidrContains(privateRanges[i], c)) return true;
      return false;
    }),

    //: lib.net.PRIVATE_RANGES
    //: The ranges lib.net.isPrivate counts as private.
    PRIVATE_RANGES,

    //: lib.net.openToWorld(ipPermissions, ports = []) -> [{ protocol, fromPort, toPort, cidr }]
    //: The rules of EC2 IpPermissions open to 0.0.0.0/0 or ::/0 that reach any of `ports` (numbers or [from, to]; none: any port). Protocol "-1" reaches every port; ICMP and other portless protocols count only when `ports` is empty.
    //: e.g. lib.net.openToWorld(group.IpPermissions, [22, 3389])
    openToWorld: entry("net.openToWorld", (ipPermissions, ports) => {
      const permissions = requireArray(ipPermissions, "ipPermissions");
      const wanted = portRanges(ports, "ports");
      const out = [];
      for (let i = 0; i < permissions.length; i++) {
        const p = permissions[i];
        const where = "ipPermissions[" + i + "]";
        if (!isObject(p)) failType(where + " is " + describe(p) + ", not an IpPermission object");
        const protocol = protocolNumber(p.IpProtocol);
        const every = protocol === "-1";
        let fromPort = every ? 0 : portOf(p.FromPort, 0), toPort = every ? 65535 : portOf(p.ToPort, 65535);
        if (!every && !carriesPorts(protocol)) {
          if (wanted.length) continue;  // ICMP and the like reach no port
          fromPort = p.FromPort;
          toPort = p.ToPort;
        } else if (!rangesMeet(fromPort, toPort, wanted)) continue;
        const lists = [["IpRanges", "CidrIp"], ["Ipv6Ranges", "CidrIpv6"]];
        for (let k = 0; k < 2; k++) {
          const ranges = listOf(p[lists[k][0]], where + "." + lists[k][0]);
          for (let r = 0; r < ranges.length; r++) {
            const cidr = own(ranges[r], lists[k][1]);
            if (cidr === undefined) continue;
            if (isWorldCidr(parseCidr(cidr, where + "." + lists[k][0] + "[" + r + "]." + lists[k][1])))
              add(out, { protocol: p.IpProtocol === undefined ? "-1" : StringOf(p.IpProtocol), fromPort, toPort, cidr });
          }
        }
      }
      return out;
    }),

    //: lib.net.naclOpenToWorld(entries, ports = []) -> [entry]
    //: The ingress entries of a network ACL that let the world (0.0.0.0/0, ::/0) reach any of `ports`, evaluated in rule-number order: a lower-numbered deny of the world wins.
    //: e.g. lib.net.naclOpenToWorld(acl.Entries, [22, 3389]).filter((e) => e.CidrBlock)
    naclOpenToWorld: entry("net.naclOpenToWorld", (entries, ports) => {
      const list = requireArray(entries, "entries");
      const wanted = portRanges(ports, "ports");
      const rules = [];
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        if (!isObject(e)) failType("entries[" + i + "] is " + describe(e) + ", not a network ACL entry");
        if (e.Egress === true) continue;
        const cidrText = e.CidrBlock !== undefined ? e.CidrBlock : e.Ipv6CidrBlock;
        if (cidrText === undefined) continue;
        const cidr = parseCidr(cidrText, "entries[" + i + "]." + (e.CidrBlock !== undefined ? "CidrBlock" : "Ipv6CidrBlock"));
        if (!isWorldCidr(cidr)) continue;  // only rules about the whole world decide for it
        const protocol = protocolNumber(e.Protocol);
        const range = own(e, "PortRange");
        const every = protocol === "-1" || !carriesPorts(protocol) || !isObject(range);
        const number = e.RuleNumber;
        if (typeof number !== "number" || !isFiniteNumber(number)) failType("entries[" + i + "].RuleNumber is " + describe(number) + ", not a number");
        add(rules, {
          entry: e, number, v6: cidr.v6, protocol,
          allow: toLower(StringOf(e.RuleAction)) === "allow",
          from: every ? 0 : portOf(range.From, 0), to: every ? 65535 : portOf(range.To, 65535),
        });
      }
      sortList(rules, (a, b) => a.number - b.number);
      // Do the world denies before rule `upTo` (same family) together cover `protocol` on
      // every port of [from, to]? A deny of every protocol covers all; port ranges add up.
      const denied = (upTo, v6, protocol, from, to) => {
        const ranges = [];
        for (let i = 0; i < upTo; i++) {
          const d = rules[i];
          if (d.allow || d.v6 !== v6) continue;
          if (d.protocol === "-1") return true;
          if (d.protocol === protocol) add(ranges, d);
        }
        if (!carriesPorts(protocol)) return protocol !== "-1" && ranges.length > 0;
        sortList(ranges, (a, b) => a.from - b.from);
        let next = from;  // the first port not yet known to be denied
        for (let i = 0; i < ranges.length && next <= to; i++) {
          if (ranges[i].from > next) return false;
          if (ranges[i].to + 1 > next) next = ranges[i].to + 1;
        }
        return next > to;
      };
      const out = [];
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i];
        if (!r.allow) continue;
        // What this allow opens: the wanted ports it reaches (over TCP and UDP for a rule of
        // every protocol), or its whole range when no port is asked for.
        const protocols = r.protocol === "-1" && wanted.length ? ["6", "17"] : [r.protocol];
        let open = false;
        for (let k = 0; k < protocols.length && !open; k++) {
          const protocol = protocols[k];
          if (wanted.length === 0) {
            open = !denied(i, r.v6, protocol, r.from, r.to);
            continue;
          }
          if (!carriesPorts(protocol)) continue;
          // A wanted range is open when some port of it is: check each maximal stretch.
          for (let w = 0; w < wanted.length && !open; w++) {
            const from = wanted[w][0] > r.from ? wanted[w][0] : r.from, to = wanted[w][1] < r.to ? wanted[w][1] : r.to;
            if (from <= to) open = !denied(i, r.v6, protocol, from, to);
          }
        }
        if (open) add(out, r.entry);
      }
      return out;
    }),
  };

  // --- ARNs ----------------------------------------------------------------------------------

  function parseArn(text) {
    if (typeof text !== "string" || sliceText(text, 0, 4) !== "arn:") return null;
    const fields = [];
    let start = 4;
    for (let k = 0; k < 4; k++) {
      const colon = indexOfText(text, ":", start);
      if (colon < 0) return null;
      add(fields, sliceText(text, start, colon));
      start = colon + 1;
    }
    const resource = sliceText(text, start);
    if (!fields[0] || !fields[1] || !resource) return null;
    let cut = -1;
    for (let i = 0; i < resource.length; i++) {
      const c = charCodeAt(resource, i);
      if (c === 47 || c === 58) {  // '/' or ':'
        cut = i;
        break;
      }
    }
    return {
      partition: fields[0], service: fields[1], region: fields[2], account: fields[3], resource,
      resourceType: cut < 0 ? null : sliceText(resource, 0, cut),
      resourceId: cut < 0 ? resource : sliceText(resource, cut + 1),
    };
  }

  const arn = {
    //: lib.arn.parse(arn) -> { partition, service, region, account, resource, resourceType, resourceId } | null
    //: The parts of an ARN; the resource splits at its first "/" or ":" (type/id, type:id; resourceType is null without one). Null for anything that is not an ARN.
    //: e.g. lib.arn.parse(trail.CloudWatchLogsLogGroupArn).resourceId
    parse: entry("arn.parse", parseArn),
  };

  // --- Time ----------------------------------------------------------------------------------

  const DAY_MS = 86400000;

  function timeOf(value, what) {
    let ms;
    if (typeof value === "string") ms = dateParse(trimText(value));
    else if (typeof value === "number") ms = value * 1000;
    else if (value instanceof DateConstructor) ms = dateTime(value);
    else failType(what + " must be an ISO date string, a Date or epoch seconds, got " + describe(value));
    if (!isFiniteNumber(ms)) fail(what + " is not a readable date: " + describe(value));
    return ms;
  }

  const time = {
    //: lib.time.daysSince(date, now = new Date()) -> number
    //: Days (fractional) from `date` to `now`; dates as ISO strings, Dates or epoch seconds. Throws on a date it cannot read, so never NaN.
    //: e.g. lib.time.daysSince(key.CreateDate) > 90
    daysSince: entry("time.daysSince", function (date, now) {
      const end = arguments.length < 2 || now === undefined ? dateTime(new DateConstructor()) : timeOf(now, "now");
      return (end - timeOf(date, "date")) / DAY_MS;
    }),

    //: lib.time.daysUntil(date, now = new Date()) -> number
    //: Days (fractional) from `now` to `date`: negative once `date` has passed.
    //: e.g. lib.time.daysUntil(certificate.Expiration) < 30
    daysUntil: entry("time.daysUntil", function (date, now) {
      const start = arguments.length < 2 || now === undefined ? dateTime(new DateConstructor()) : timeOf(now, "now");
      return (timeOf(date, "date") - start) / DAY_MS;
    }),

    //: lib.time.parse(date) -> Date
    //: A Date from an ISO string, a Date or epoch seconds; throws on anything unreadable.
    //: e.g. lib.time.parse(report.password_last_used)
    parse: entry("time.parse", (date) => new DateConstructor(timeOf(date, "date"))),
  };

  // --- IAM policy documents --------------------------------------------------------------------

  function parsePolicy(doc) {
    let document = doc;
    if (typeof doc === "string") {
      let text = trimText(doc);
      if (text.length && charCodeAt(text, 0) !== 123) {  // not "{": IAM's URL-encoded form
        try {
          text = trimText(decodeUri(text));
        } catch (e) {
          fail("the text is neither JSON nor URL-encoded JSON (" + messageOf(e) + ")");
        }
      }
      if (!text.length || charCodeAt(text, 0) !== 123) fail("the text is not a policy document: it does not start with '{'");
      try {
        document = jsonParse(text);
      } catch (e) {
        fail("the text is not valid JSON: " + messageOf(e));
      }
    }
    if (!isObject(document)) failType("expected a policy document (an object, JSON text or URL-encoded JSON text), got " + describe(doc));
    const version = own(document, "Version");
    if (version !== undefined && typeof version !== "string") failType("Version is " + describe(version) + ", not a string");
    const raw = own(document, "Statement");
    if (raw !== undefined && raw !== null && !isObject(raw) && !isArray(raw))
      failType("Statement is " + describe(raw) + ", not a statement or a list of statements");
    const statements = listOf(raw, "Statement");
    const out = [];
    for (let i = 0; i < statements.length; i++) add(out, parseStatement(statements[i], "Statement[" + i + "]"));
    return { Version: version === undefined ? null : version, Statement: out };
  }

  function parseStatement(s, where) {
    if (!isObject(s)) failType(where + " is " + describe(s) + ", not a statement object");
    const effect = own(s, "Effect");
    const e = typeof effect === "string" ? toLower(effect) : "";
    if (e !== "allow" && e !== "deny") fail(where + ".Effect must be \"Allow\" or \"Deny\", got " + describe(effect));
    const sid = own(s, "Sid");
    return {
      Sid: sid === undefined ? null : sid,
      Effect: e === "allow" ? "Allow" : "Deny",
      Action: stringsOf(own(s, "Action"), where + ".Action"),
      NotAction: stringsOf(own(s, "NotAction"), where + ".NotAction"),
      Resource: stringsOf(own(s, "Resource"), where + ".Resource"),
      NotResource: stringsOf(own(s, "NotResource"), where + ".NotResource"),
      Principal: parsePrincipal(own(s, "Principal"), where + ".Principal"),
      NotPrincipal: parsePrincipal(own(s, "NotPrincipal"), where + ".NotPrincipal"),
      Condition: parseCondition(own(s, "Condition"), where + ".Condition"),
    };
  }

  // "*" stays "*"; { AWS: "x" } becomes { AWS: ["x"] }; absent, null.
  function parsePrincipal(p, where) {
    if (p === undefined || p === null) return null;
    if (typeof p === "string") {
      if (p !== "*") fail(where + " must be \"*\" or an object such as { \"AWS\": [...] }, got " + describe(p));
      return "*";
    }
    if (!isObject(p)) failType(where + " is " + describe(p) + ", not \"*\" or an object");
    const out = {};
    const types = objectKeys(p);
    for (let i = 0; i < types.length; i++) out[types[i]] = stringsOf(p[types[i]], where + "." + types[i]);
    return out;
  }

  // { operator: { key: [values as strings] } }; absent, {}.
  function parseCondition(c, where) {
    if (c === undefined || c === null) return {};
    if (!isObject(c)) failType(where + " is " + describe(c) + ", not an object");
    const out = {};
    const operators = objectKeys(c);
    for (let i = 0; i < operators.length; i++) {
      const block = c[operators[i]];
      const at = where + "." + operators[i];
      if (!isObject(block)) failType(at + " is " + describe(block) + ", not an object of condition keys");
      const parsed = {};
      const keys = objectKeys(block);
      for (let k = 0; k < keys.length; k++) {
        const values = listOf(block[keys[k]], at + "." + keys[k]);
        for (let v = 0; v < values.length; v++) {
          const t = typeof values[v];
          if (t !== "string" && t !== "number" && t !== "boolean")
            failType(at + "." + keys[k] + " holds " + describe(values[v]) + "; condition values are strings, numbers or booleans");
          values[v] = StringOf(values[v]);
        }
        parsed[keys[k]] = values;
      }
      out[operators[i]] = parsed;
    }
    return out;
  }

  // Condition operators: how one context value compares with one condition value.
  const compareText = (ignoreCase) => (ctx, cond) => (ignoreCase ? toLower(ctx) === toLower(cond) : ctx === cond);
  const likeText = (ignoreCase) => (ctx, cond) => wildcardMatch(cond, ctx, ignoreCase, false);
  const numberOf = (v) => {
    if (typeof v === "number") return v;
    const t = trimText(StringOf(v));
    return t.length ? NumberOf(t) : NaN;
  };
  const dateOf = (v) => {
    if (v instanceof DateConstructor) return dateTime(v);
    if (typeof v === "number") return v * 1000;
    const t = trimText(StringOf(v));
    if (t.length && indexOfText(t, "-") < 0 && indexOfText(t, ":") < 0) return NumberOf(t) * 1000;  // epoch seconds
    return dateParse(t);
  };
  const compareNumbers = (read, test) => (ctx, cond) => {
    const a = read(ctx), b = read(cond);
    return a === a && b === b && test(a, b);  // NaN never matches
  };
  const ipIn = (ctx, cond) => {
    let a, b;
    try {
      a = parseCidr(StringOf(ctx), "address");
      b = parseCidr(cond, "range");
    } catch (e) {
      return false;
    }
    return cidrContains(b, a);
  };
  // ArnEquals and ArnLike compare the six fields one by one, each with wildcards.
  const arnMatch = (ctx, cond) => {
    const a = splitArnFields(StringOf(ctx)), b = splitArnFields(cond);
    if (a === null || b === null) return false;
    for (let i = 0; i < 6; i++) if (!wildcardMatch(b[i], a[i], false, false)) return false;
    return true;
  };
  function splitArnFields(text) {
    const out = [];
    let start = 0;
    for (let k = 0; k < 5; k++) {
      const colon = indexOfText(text, ":", start);
      if (colon < 0) return null;
      add(out, sliceText(text, start, colon));
      start = colon + 1;
    }
    add(out, sliceText(text, start));
    return out;
  }

  // name -> [test(contextValue, conditionValue), negated]
  const OPERATORS = (() => {
    const ops = createObject(null);
    const define = (name, test, negated) => (ops[toLower(name)] = [test, negated]);
    for (const ic of [false, true]) {
      const suffix = ic ? "IgnoreCase" : "";
      define("StringEquals" + suffix, compareText(ic), false);
      define("StringNotEquals" + suffix, compareText(ic), true);
      define("StringLike" + suffix, likeText(ic), false);
      define("StringNotLike" + suffix, likeText(ic), true);
    }
    define("ArnEquals", arnMatch, false);
    define("ArnLike", arnMatch, false);
    define("ArnNotEquals", arnMatch, true);
    define("ArnNotLike", arnMatch, true);
    define("Bool", (ctx, cond) => toLower(StringOf(ctx)) === toLower(cond), false);
    define("BinaryEquals", (ctx, cond) => StringOf(ctx) === cond, false);
    define("IpAddress", ipIn, false);
    define("NotIpAddress", ipIn, true);
    const comparisons = [["Equals", (a, b) => a === b, false], ["NotEquals", (a, b) => a === b, true],
      ["LessThan", (a, b) => a < b, false], ["LessThanEquals", (a, b) => a <= b, false],
      ["GreaterThan", (a, b) => a > b, false], ["GreaterThanEquals", (a, b) => a >= b, false]];
    for (let i = 0; i < comparisons.length; i++) {
      const [name, test, negated] = comparisons[i];
      define("Numeric" + name, compareNumbers(numberOf, test), negated);
      define("Date" + name, compareNumbers(dateOf, test), negated);
    }
    return ops;
  })();

  // The context's values for `key` (keys compare case-insensitively), or undefined.
  function contextValues(context, key) {
    const k = toLower(key);
    if (!hasOwn(context, k)) return undefined;
    const v = context[k];
    return v === undefined || v === null ? undefined : v;
  }

  // True, false, or null when the condition cannot be decided (a key the context lacks).
  function conditionHolds(condition, context, where) {
    const operators = objectKeys(condition);
    for (let i = 0; i < operators.length; i++) {
      let name = operators[i];
      let set = "";
      const colon = indexOfText(name, ":");
      if (colon >= 0) {
        set = toLower(sliceText(name, 0, colon));
        if (set !== "foranyvalue" && set !== "forallvalues") fail(where + ": unknown condition set operator '" + sliceText(name, 0, colon) + "' in '" + name + "'");
        name = sliceText(name, colon + 1);
      }
      let ifExists = false;
      let lower = toLower(name);
      if (lower.length > 8 && sliceText(lower, lower.length - 8) === "ifexists") {
        ifExists = true;
        lower = sliceText(lower, 0, lower.length - 8);
      }
      const block = condition[operators[i]];
      const keys = objectKeys(block);
      for (let k = 0; k < keys.length; k++) {
        const wanted = block[keys[k]];
        const present = contextValues(context, keys[k]);
        if (lower === "null") {
          // Null: "true" asks for the key to be absent, "false" for it to be present.
          const absent = present === undefined || (isArray(present) && present.length === 0);
          let any = false;
          for (let w = 0; w < wanted.length; w++) if ((toLower(wanted[w]) === "true") === absent) any = true;
          if (!any) return false;
          continue;
        }
        if (!(lower in OPERATORS)) fail(where + ": unknown condition operator '" + operators[i] + "'");
        if (present === undefined) {
          if (ifExists) continue;  // ...IfExists: a missing key passes
          return null;             // unknown: the statement does not apply either way
        }
        const test = OPERATORS[lower][0], negated = OPERATORS[lower][1];
        const values = isArray(present) ? listOf(present, "context " + keys[k]) : [present];
        // One context value against the condition's values: positive operators need one
        // match, negated ones none.
        const one = (v) => {
          for (let w = 0; w < wanted.length; w++) if (test(v, wanted[w])) return !negated;
          return negated;
        };
        let holds;
        if (set === "forallvalues") {
          holds = true;
          for (let v = 0; v < values.length; v++) if (!one(values[v])) holds = false;
        } else {  // ForAnyValue, and single-valued operators over a list: any value may match
          holds = false;
          for (let v = 0; v < values.length; v++) if (one(values[v])) holds = true;
        }
        if (!holds) return false;
      }
    }
    return true;
  }

  // The context with lower-cased keys (condition keys are case-insensitive).
  function contextOf(context) {
    if (context === undefined || context === null) return createObject(null);
    if (!isObject(context)) failType("context must be an object of condition keys, got " + describe(context));
    const out = createObject(null);
    const keys = objectKeys(context);
    for (let i = 0; i < keys.length; i++) out[toLower(keys[i])] = context[keys[i]];
    return out;
  }

  // Resource patterns may hold policy variables, ${aws:username}; known ones are filled from
  // the context, ${*} ${?} ${$} are the escaped characters, and unknown ones never match.
  function resolveVariables(pattern, context) {
    let start = indexOfText(pattern, "${");
    if (start < 0) return pattern;
    let out = "", at = 0;
    while (start >= 0) {
      const end = indexOfText(pattern, "}", start);
      if (end < 0) break;
      const name = sliceText(pattern, start + 2, end);
      let value;
      if (name === "*" || name === "?" || name === "$") value = name === "*" ? "\u0000*" : name === "?" ? "\u0000?" : "$";
      else {
        const v = contextValues(context, name);
        if (typeof v !== "string") return null;
        value = v;
      }
      out += sliceText(pattern, at, start) + value;
      at = end + 1;
      start = indexOfText(pattern, "${", at);
    }
    return out + sliceText(pattern, at);
  }

  function matchesAny(patterns, text, ignoreCase, context) {
    for (let i = 0; i < patterns.length; i++) {
      const p = context ? resolveVariables(patterns[i], context) : patterns[i];
      if (p === null) continue;
      if (indexOfText(p, "\u0000") >= 0) {  // escaped wildcards compare literally
        let literal = "";
        for (let c = 0; c < p.length; c++) if (charCodeAt(p, c) !== 0) literal += p[c];
        if (literal === text) return true;
      } else if (wildcardMatch(p, text, ignoreCase, false)) return true;
    }
    return false;
  }

  // Does statement `s` (parsed) apply to `action` on `resource` in `context`? null: unknown.
  function statementApplies(s, action, resource, context, where) {
    if (s.Action.length) {
      if (!matchesAny(s.Action, action, true, null)) return false;
    } else if (s.NotAction.length) {
      if (matchesAny(s.NotAction, action, true, null)) return false;
    } else return false;  // a statement with no action grants nothing
    if (s.Resource.length) {
      if (!matchesAny(s.Resource, resource, false, context)) return false;
    } else if (s.NotResource.length) {
      if (matchesAny(s.NotResource, resource, false, context)) return false;
    }
    return conditionHolds(s.Condition, context, where);
  }

  function allows(doc, action, resource, context) {
    const policy = parsePolicy(doc);
    requireString(action, "action");
    if (resource === undefined) resource = "*";
    requireString(resource, "resource");
    const ctx = contextOf(context);
    let allowed = false;
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (statementApplies(s, action, resource, ctx, "Statement[" + i + "]") !== true) continue;
      if (s.Effect === "Deny") return false;
      allowed = true;
    }
    return allowed;
  }

  const hasAny = (list, values) => {
    for (let i = 0; i < list.length; i++) for (let k = 0; k < values.length; k++) if (list[i] === values[k]) return true;
    return false;
  };

  function isAdmin(doc) {
    const policy = parsePolicy(doc);
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (s.Effect === "Allow" && hasAny(s.Action, ["*", "*:*"]) && hasAny(s.Resource, ["*"]) && objectKeys(s.Condition).length === 0)
        return true;
    }
    return false;
  }

  // Condition keys that tie a statement to known principals, sources or networks.
  const RESTRICTING_KEYS = freeze([
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
    "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    "aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:VpcSourceIp", "aws:userid", "aws:username",
    "kms:CallerAccount", "s3:DataAccessPointAccount", "lambda:EventSourceToken",
  ]);
  const restrictingKeys = createObject(null);
  for (let i = 0; i < RESTRICTING_KEYS.length; i++) restrictingKeys[toLower(RESTRICTING_KEYS[i])] = true;

  // Does a statement's condition confine it to known principals or networks? Only positive
  // operators without IfExists (a request lacking the key would pass them) and values other
  // than "*" (or, for addresses, the whole world) restrict.
  function conditionRestricts(condition) {
    const operators = objectKeys(condition);
    for (let i = 0; i < operators.length; i++) {
      const name = toLower(operators[i]);
      if (indexOfText(name, "forallvalues:") === 0 || sliceText(name, name.length - 8) === "ifexists") continue;
      const op = indexOfText(name, ":") >= 0 ? sliceText(name, indexOfText(name, ":") + 1) : name;
      if (!(op in OPERATORS) || OPERATORS[op][1]) continue;  // negated: everyone else passes
      const block = condition[operators[i]];
      const keys = objectKeys(block);
      for (let k = 0; k < keys.length; k++) {
        const key = toLower(keys[k]);
        if (!restrictingKeys[key]) continue;
        const values = block[keys[k]];
        let narrow = values.length > 0;
        for (let v = 0; v < values.length; v++) {
          if (values[v] === "*") narrow = false;
          if ((key === "aws:sourceip" || key === "aws:vpcsourceip")) {
            try {
              if (isWorldCidr(parseCidr(values[v], "aws:SourceIp"))) narrow = false;
            } catch (e) {
              narrow = false;
            }
          }
        }
        if (narrow) return true;
      }
    }
    return false;
  }

  function everyone(principal) {
    if (principal === "*") return true;
    if (principal === null) return false;
    return hasAny(listOf(own(principal, "AWS")), ["*"]) || hasAny(listOf(own(principal, "CanonicalUser")), ["*"]);
  }

  function publicStatements(doc) {
    const policy = parsePolicy(doc);
    const out = [];
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (s.Effect !== "Allow") continue;
      const toAll = everyone(s.Principal) || s.NotPrincipal !== null;  // Allow + NotPrincipal: all but a few
      if (toAll && !conditionRestricts(s.Condition)) add(out, s);
    }
    return out;
  }

  function principals(doc) {
    const policy = parsePolicy(doc);
    const out = [], seen = createObject(null);
    const note = (type, value) => {
      const key = type + "\n" + value;
      if (seen[key]) return;
      seen[key] = true;
      add(out, { type, value });
    };
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (s.Effect !== "Allow" || s.Principal === null) continue;
      if (s.Principal === "*") {
        note("AWS", "*");
        continue;
      }
      const types = objectKeys(s.Principal);
      for (let t = 0; t < types.length; t++) {
        const values = s.Principal[types[t]];
        for (let v = 0; v < values.length; v++) note(types[t], values[v]);
      }
    }
    return out;
  }

  const iam = {
    //: lib.iam.parse(doc) -> { Version, Statement: [{ Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition }] }
    //: A policy document (object, JSON text, or the URL-encoded JSON IAM returns) with every list an array, Condition as { operator: { key: [strings] } }, absent parts null or empty; throws on anything that is not a policy.
    //: e.g. lib.iam.parse(version.Document).Statement.filter((s) => s.Effect === "Allow")
    parse: entry("iam.parse", parsePolicy),

    //: lib.iam.allows(doc, action, resource = "*", context = {}) -> boolean
    //: True when an Allow statement matches and no Deny does: actions case-insensitive with * and ?, resources with wildcards, NotAction/NotResource, conditions checked against `context`. A condition on a key `context` lacks makes its statement not apply, Allow or Deny (IfExists and Null excepted).
    //: e.g. lib.iam.allows(doc, "s3:GetObject", "arn:aws:s3:::logs/*", { "aws:SourceIp": "203.0.113.9" })
    allows: entry("iam.allows", function (doc, action, resource, context) {
      return allows(doc, action, resource, context);
    }),

    //: lib.iam.isAdmin(doc) -> boolean
    //: True when a statement allows "*" (or "*:*") on "*" with no condition.
    //: e.g. lib.iam.isAdmin(version.Document)
    isAdmin: entry("iam.isAdmin", isAdmin),

    //: lib.iam.publicStatements(doc) -> [statement]
    //: The Allow statements of a resource policy open to everyone ("*", { AWS: "*" }, { CanonicalUser: "*" }, or NotPrincipal) that no condition confines to known accounts, organizations, sources or networks (lib.iam.RESTRICTING_KEYS).
    //: e.g. lib.iam.publicStatements(JSON.parse(answer.Policy)).map((s) => s.Sid)
    publicStatements: entry("iam.publicStatements", publicStatements),

    //: lib.iam.isPublic(doc) -> boolean
    //: True when lib.iam.publicStatements finds at least one statement.
    //: e.g. lib.iam.isPublic(answer.Policy)
    isPublic: entry("iam.isPublic", (doc) => publicStatements(doc).length > 0),

    //: lib.iam.principals(doc) -> [{ type, value }]
    //: Every principal the Allow statements name, once each; type is "AWS", "Service", "Federated" or "CanonicalUser" ("*" is { type: "AWS", value: "*" }).
    //: e.g. lib.iam.principals(role.AssumeRolePolicyDocument).filter((p) => p.type === "AWS")
    principals: entry("iam.principals", principals),

    //: lib.iam.RESTRICTING_KEYS
    //: The condition keys that keep an everyone-principal statement from counting as public.
    RESTRICTING_KEYS,
  };

  // --- CloudWatch metric filters (CIS AWS Foundations monitoring) --------------------------------

  // Each requirement: what its metric filter must match. An event the requirement names
  // (one of `events` by eventName, or one of `match`), from `eventSource` if given, and
  // meeting every `where` condition, must be counted by the filter. A filter that counts
  // more (fewer conditions, extra alternatives) still covers it.
  const CIS_FILTERS = {
    unauthorizedApiCalls: {
      title: "Unauthorized API calls",
      cis: { "3.0": "4.1", "5.0": "4.1", "6.0": "5.1", "7.0": "5.1" },
      match: [["$.errorCode", "=", "*UnauthorizedOperation"], ["$.errorCode", "=", "AccessDenied*"]],
      where: [["$.sourceIPAddress", "!=", "delivery.logs.amazonaws.com"], ["$.eventName", "!=", "HeadBucket"]],
    },
    consoleSignInWithoutMfa: {
      title: "Management console sign-in without MFA",
      cis: { "3.0": "4.2", "5.0": "4.2", "6.0": "5.2", "7.0": "5.2" },
      events: ["ConsoleLogin"],
      where: [["$.additionalEventData.MFAUsed", "!=", "Yes"], ["$.userIdentity.type", "=", "IAMUser"],
        ["$.responseElements.ConsoleLogin", "=", "Success"]],
    },
    rootUsage: {
      title: "Use of the root user",
      cis: { "3.0": "4.3", "5.0": "4.3", "6.0": "5.3", "7.0": "5.3" },
      match: [["$.userIdentity.type", "=", "Root"]],
      where: [["$.userIdentity.invokedBy", "NOT EXISTS", null], ["$.eventType", "!=", "AwsServiceEvent"]],
    },
    iamPolicyChanges: {
      title: "IAM policy changes",
      cis: { "3.0": "4.4", "5.0": "4.4", "6.0": "5.4", "7.0": "5.4" },
      events: ["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
        "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
        "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"],
    },
    cloudTrailChanges: {
      title: "CloudTrail configuration changes",
      cis: { "3.0": "4.5", "5.0": "4.5", "6.0": "5.5", "7.0": "5.5" },
      events: ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"],
    },
    consoleAuthFailures: {
      title: "Management console authentication failures",
      cis: { "3.0": "4.6", "5.0": "4.6", "6.0": "5.6", "7.0": "5.6" },
      events: ["ConsoleLogin"],
      where: [["$.errorMessage", "=", "Failed authentication"]],
    },
    cmkDisableOrDeletion: {
      title: "Disabling or scheduled deletion of customer managed KMS keys",
      cis: { "3.0": "4.7", "5.0": "4.7", "6.0": "5.7", "7.0": "5.7" },
      eventSource: "kms.amazonaws.com",
      events: ["DisableKey", "ScheduleKeyDeletion"],
    },
    s3BucketPolicyChanges: {
      title: "S3 bucket policy changes",
      cis: { "3.0": "4.8", "5.0": "4.8", "6.0": "5.8", "7.0": "5.8" },
      eventSource: "s3.amazonaws.com",
      events: ["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
        "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"],
    },
    configChanges: {
      title: "AWS Config configuration changes",
      cis: { "3.0": "4.9", "5.0": "4.9", "6.0": "5.9", "7.0": "5.9" },
      eventSource: "config.amazonaws.com",
      events: ["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"],
    },
    securityGroupChanges: {
      title: "Security group changes",
      cis: { "3.0": "4.10", "5.0": "4.10", "6.0": "5.10", "7.0": "5.10" },
      events: ["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"],
    },
    naclChanges: {
      title: "Network ACL changes",
      cis: { "3.0": "4.11", "5.0": "4.11", "6.0": "5.11", "7.0": "5.11" },
      events: ["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"],
    },
    networkGatewayChanges: {
      title: "Network gateway changes",
      cis: { "3.0": "4.12", "5.0": "4.12", "6.0": "5.12", "7.0": "5.12" },
      events: ["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
        "DeleteInternetGateway", "DetachInternetGateway"],
    },
    routeTableChanges: {
      title: "Route table changes",
      cis: { "3.0": "4.13", "5.0": "4.13", "6.0": "5.13", "7.0": "5.13" },
      eventSource: "ec2.amazonaws.com",
      events: ["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
        "DeleteRoute", "DisassociateRouteTable"],
    },
    vpcChanges: {
      title: "VPC changes",
      cis: { "3.0": "4.14", "5.0": "4.14", "6.0": "5.14", "7.0": "5.14" },
      events: ["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
        "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
        "DisableVpcClassicLink", "EnableVpcClassicLink"],
    },
    organizationsChanges: {
      title: "AWS Organizations changes",
      cis: { "3.0": "4.15", "5.0": "4.15", "6.0": "5.15", "7.0": "5.15" },
      eventSource: "organizations.amazonaws.com",
      events: ["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
        "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
        "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
        "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"],
    },
  };

  // A requirement as alternatives, each a list of atoms { selector, op, value } that an event
  // it names satisfies together.
  function requirementClauses(req) {
    const alternatives = [];
    const events = listOf(own(req, "events")), match = listOf(own(req, "match")), where = listOf(own(req, "where"));
    const source = own(req, "eventSource");
    for (let i = 0; i < events.length; i++) add(alternatives, { selector: "$.eventName", op: "=", value: events[i] });
    for (let i = 0; i < match.length; i++) add(alternatives, { selector: match[i][0], op: match[i][1], value: match[i][2] });
    const clauses = [];
    for (let i = 0; i < alternatives.length; i++) {
      const clause = [alternatives[i]];
      if (source) add(clause, { selector: "$.eventSource", op: "=", value: source });
      for (let k = 0; k < where.length; k++) add(clause, { selector: where[k][0], op: where[k][1], value: where[k][2] });
      add(clauses, clause);
    }
    return clauses;
  }

  // The pattern Signet recommends for a requirement: exactly what it needs.
  function recommendedPattern(req) {
    const term = (a) => "(" + a.selector + (a.op === "NOT EXISTS" ? " NOT EXISTS" : " " + a.op + ' "' + a.value + '"') + ")";
    const clauses = requirementClauses(req);
    let alternatives = "";
    for (let i = 0; i < clauses.length; i++) alternatives += (i ? " || " : "") + term(clauses[i][0]);
    let shared = "";
    for (let i = 1; i < clauses[0].length; i++) shared += " && " + term(clauses[0][i]);
    return "{ " + (shared && clauses.length > 1 ? "(" + alternatives + ")" : alternatives) + shared + " }";
  }

  // Each requirement also carries the pattern Signet recommends, derived from its data.
  const requirementNames = objectKeys(CIS_FILTERS);
  for (let i = 0; i < requirementNames.length; i++) CIS_FILTERS[requirementNames[i]].pattern = recommendedPattern(CIS_FILTERS[requirementNames[i]]);
  deepFreeze(CIS_FILTERS);

  // Filter patterns: "{ $.a = x && ($.b != "y" || $.c NOT EXISTS) }" -> alternatives of atoms.
  function tokenize(text) {
    const tokens = [];
    let i = 0;
    const n = text.length;
    const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
    const isWordEnd = (c) => isSpace(c) || c === 40 || c === 41 || c === 123 || c === 125 || c === 61 || c === 33 ||
      c === 60 || c === 62 || c === 38 || c === 124 || c === 34;
    while (i < n) {
      const c = charCodeAt(text, i);
      if (isSpace(c)) {
        i++;
      } else if (c === 34) {  // "quoted", with \" inside
        let value = "";
        i++;
        while (i < n && charCodeAt(text, i) !== 34) {
          if (charCodeAt(text, i) === 92 && i + 1 < n) i++;
          value += text[i++];
        }
        if (i >= n) fail("the pattern has an unterminated quoted value");
        i++;
        add(tokens, { kind: "value", text: value });
      } else if (c === 123 || c === 125 || c === 40 || c === 41) {
        add(tokens, { kind: text[i] });
        i++;
      } else {
        const two = sliceText(text, i, i + 2);
        if (two === "&&" || two === "||" || two === "!=" || two === "<=" || two === ">=") {
          add(tokens, { kind: two });
          i += 2;
        } else if (c === 61 || c === 60 || c === 62) {
          add(tokens, { kind: text[i] });
          i++;
        } else {
          const start = i;
          while (i < n && !isWordEnd(charCodeAt(text, i))) i++;
          if (i === start) fail("unexpected '" + text[i] + "' in the pattern");
          add(tokens, { kind: "value", text: sliceText(text, start, i) });
        }
      }
    }
    return tokens;
  }

  const MAX_CLAUSES = 4096;

  // Parses a JSON metric filter pattern into alternatives (disjunctive normal form).
  function filterClauses(pattern) {
    const tokens = tokenize(pattern);
    let at = 0;
    const peek = () => (at < tokens.length ? tokens[at] : { kind: "end" });
    const expect = (kind) => {
      if (peek().kind !== kind) fail("expected '" + kind + "' in the pattern, found '" + (peek().text || peek().kind) + "'");
      at++;
    };
    const orOf = (a, b) => {
      const out = [];
      for (let i = 0; i < a.length; i++) add(out, a[i]);
      for (let i = 0; i < b.length; i++) add(out, b[i]);
      if (out.length > MAX_CLAUSES) fail("the pattern has too many alternatives to analyse");
      return out;
    };
    const andOf = (a, b) => {
      if (a.length * b.length > MAX_CLAUSES) fail("the pattern has too many alternatives to analyse");
      const out = [];
      for (let i = 0; i < a.length; i++)
        for (let k = 0; k < b.length; k++) {
          const clause = [];
          for (let x = 0; x < a[i].length; x++) add(clause, a[i][x]);
          for (let x = 0; x < b[k].length; x++) add(clause, b[k][x]);
          add(out, clause);
        }
      return out;
    };
    let depth = 0;
    function disjunction() {
      let result = conjunction();
      while (peek().kind === "||") {
        at++;
        result = orOf(result, conjunction());
      }
      return result;
    }
    function conjunction() {
      let result = primary();
      while (peek().kind === "&&") {
        at++;
        result = andOf(result, primary());
      }
      return result;
    }
    function primary() {
      if (peek().kind === "(") {
        if (++depth > 64) fail("the pattern nests parentheses too deeply");
        at++;
        const inner = disjunction();
        expect(")");
        depth--;
        return inner;
      }
      const selector = peek();
      if (selector.kind !== "value" || sliceText(selector.text, 0, 1) !== "$") fail("expected a $.field selector in the pattern, found '" + (selector.text || selector.kind) + "'");
      at++;
      const next = peek();
      if (next.kind === "value" && (next.text === "NOT" || next.text === "IS")) {
        at++;
        const word = peek();
        if (word.kind !== "value") fail("expected EXISTS, NULL, TRUE or FALSE after " + next.text);
        at++;
        const op = next.text + " " + word.text;  // NOT EXISTS, IS NULL, IS TRUE, IS FALSE
        return [[{ selector: selector.text, op, value: null }]];
      }
      const op = next.kind;
      if (op !== "=" && op !== "!=" && op !== "<" && op !== ">" && op !== "<=" && op !== ">=") fail("expected a comparison after " + selector.text);
      at++;
      const value = peek();
      if (value.kind !== "value") fail("expected a value after " + selector.text + " " + op);
      at++;
      return [[{ selector: selector.text, op, value: value.text }]];
    }
    expect("{");
    const clauses = disjunction();
    expect("}");
    if (peek().kind !== "end") fail("unexpected text after the closing '}' of the pattern");
    return clauses;
  }

  // Does requirement atom `r` guarantee filter atom `f` (every event meeting r meets f)?
  function implies(r, f) {
    if (r.selector !== f.selector) return false;
    if (r.op === "=" && f.op === "=") return wildcardMatch(f.value, r.value, false, true);
    if (r.op === "!=" && f.op === "!=") return wildcardMatch(r.value, f.value, false, true);
    if (r.op === "=" && f.op === "!=")
      return indexOfText(r.value, "*") < 0 && !wildcardMatch(f.value, r.value, false, false);
    return r.op === f.op && r.value === f.value;
  }

  // Every alternative of the requirement lies inside some alternative of the filter.
  function covers(filter, required) {
    for (let i = 0; i < required.length; i++) {
      let inside = false;
      for (let j = 0; j < filter.length && !inside; j++) {
        let all = true;
        for (let a = 0; a < filter[j].length && all; a++) {
          let guaranteed = false;
          for (let b = 0; b < required[i].length && !guaranteed; b++) guaranteed = implies(required[i][b], filter[j][a]);
          all = guaranteed;
        }
        inside = all;
      }
      if (!inside) return false;
    }
    return true;
  }

  function requirementNamed(name) {
    requireString(name, "name");
    if (!hasOwn(CIS_FILTERS, name)) {
      const names = objectKeys(CIS_FILTERS);
      let known = "";
      for (let i = 0; i < names.length; i++) known += (i ? ", " : "") + names[i];
      fail("unknown requirement '" + name + "' (known: " + known + ")");
    }
    return CIS_FILTERS[name];
  }

  function filterCovers(filterPattern, name) {
    const req = requirementNamed(name);
    requireString(filterPattern, "filterPattern");
    if (filterPattern.length > MAX_PATTERN) fail("filterPattern is " + filterPattern.length + " characters; lib reads at most " + MAX_PATTERN);
    const text = trimText(filterPattern);
    if (charCodeAt(text, 0) !== 123) return false;  // only JSON patterns "{ ... }" can name events
    let clauses;
    try {
      clauses = filterClauses(text);
    } catch (e) {
      if (e instanceof Failure) return false;  // not a pattern lib can read: it covers nothing
      throw e;
    }
    return covers(clauses, requirementClauses(req));
  }

  const logGroupNameOf = (value) => {
    if (typeof value !== "string") return null;
    const parsed = parseArn(value);
    if (parsed === null) return value;
    const name = parsed.resourceType === "log-group" ? parsed.resourceId : null;
    if (name === null) return null;
    return sliceText(name, name.length - 2) === ":*" ? sliceText(name, 0, name.length - 2) : name;
  };

  // Whether requirement `name` is met by what a signature fetched: a multi-region trail
  // (logging and recording management events, when `status` and `eventSelectors` are
  // given) sending to a log group with a covering metric filter, whose metric has an alarm
  // that notifies an SNS topic with a confirmed subscription (when `subscriptions` are given).
  function monitoring(name, fetched) {
    const req = requirementNamed(name);
    if (!isObject(fetched)) failType("expected { trails, metricFilters, alarms, subscriptions }, got " + describe(fetched));
    const trails = requireArray(fetched.trails === undefined ? [] : fetched.trails, "trails");
    const filters = requireArray(fetched.metricFilters === undefined ? [] : fetched.metricFilters, "metricFilters");
    const alarms = requireArray(fetched.alarms === undefined ? [] : fetched.alarms, "alarms");
    const subscriptions = fetched.subscriptions === undefined ? null : requireArray(fetched.subscriptions, "subscriptions");
    const verdict = (met, message, extra) => {
      const out = { met, message, requirement: name, trail: null, filter: null, alarm: null };
      if (extra) {
        const k = objectKeys(extra);
        for (let i = 0; i < k.length; i++) out[k[i]] = extra[k[i]];
      }
      return out;
    };

    // Trails that count: multi-region, logging, all management events, sending to CloudWatch Logs.
    const groups = [];
    let whyNot = "no trail sends its events to CloudWatch Logs";
    for (let i = 0; i < trails.length; i++) {
      const t = trails[i];
      if (!isObject(t)) failType("trails[" + i + "] is " + describe(t) + ", not a trail");
      const group = logGroupNameOf(t.CloudWatchLogsLogGroupArn);
      if (!group) continue;
      if (t.IsMultiRegionTrail !== true) {
        whyNot = "trail " + t.Name + " sends to CloudWatch Logs but is not multi-region";
        continue;
      }
      const status = t.status;
      if (isObject(status) && status.IsLogging === false) {
        whyNot = "trail " + t.Name + " is not logging";
        continue;
      }
      if (t.eventSelectors !== undefined && !recordsManagementEvents(t.eventSelectors)) {
        whyNot = "trail " + t.Name + " does not record all management events";
        continue;
      }
      add(groups, { trail: t, group });
    }
    if (groups.length === 0) return verdict(false, "No multi-region trail sends its events to CloudWatch Logs (" + whyNot + ")");

    let best = null;  // the furthest a trail got, for the message
    for (let g = 0; g < groups.length; g++) {
      const { trail, group } = groups[g];
      for (let i = 0; i < filters.length; i++) {
        const f = filters[i];
        if (!isObject(f) || (f.logGroupName !== undefined && f.logGroupName !== group)) continue;
        if (typeof f.filterPattern !== "string" || !filterCovers(f.filterPattern, name)) continue;
        const transformations = listOf(f.metricTransformations, "metricTransformations");
        for (let t = 0; t < transformations.length; t++) {
          const m = transformations[t];
          if (!isObject(m)) continue;
          for (let a = 0; a < alarms.length; a++) {
            const alarm = alarms[a];
            if (!isObject(alarm) || alarm.MetricName !== m.metricName || alarm.Namespace !== m.metricNamespace) continue;
            const actions = listOf(alarm.AlarmActions, "AlarmActions");
            let notified = false;
            for (let x = 0; x < actions.length && !notified; x++) {
              const topic = actions[x];
              if (typeof topic !== "string" || indexOfText(topic, ":sns:") < 0) continue;
              if (subscriptions === null) notified = true;
              else
                for (let s = 0; s < subscriptions.length && !notified; s++) {
                  const sub = subscriptions[s];
                  notified = isObject(sub) && sub.TopicArn === topic && parseArn(sub.SubscriptionArn) !== null;
                }
            }
            const found = { trail, filter: f, alarm };
            if (notified) return verdict(true, "Metric filter " + f.filterName + " on " + group + " counts " + toLower(req.title) + "; alarm " + alarm.AlarmName + " notifies SNS", found);
            best = { level: 3, found, message: "Alarm " + alarm.AlarmName + " on metric filter " + f.filterName + " notifies no SNS topic" + (subscriptions === null ? "" : " with a confirmed subscription") };
          }
          if (!best || best.level < 2) best = { level: 2, found: { trail, filter: f }, message: "Metric filter " + f.filterName + " on " + group + " has no alarm on its metric " + m.metricName };
        }
      }
      if (!best) best = { level: 1, found: { trail }, message: "No metric filter on " + group + " counts " + toLower(req.title) };
    }
    return verdict(false, best.message, best.found);
  }

  // CIS: a trail records management events, reads and writes, when a classic selector has
  // IncludeManagementEvents and ReadWriteType All, or an advanced selector selects the
  // Management category without narrowing it.
  function recordsManagementEvents(selectors) {
    const s = isObject(selectors) ? selectors : { EventSelectors: selectors };
    const classic = listOf(s.EventSelectors, "EventSelectors");
    for (let i = 0; i < classic.length; i++) {
      const e = classic[i];
      if (isObject(e) && e.IncludeManagementEvents === true && e.ReadWriteType === "All") return true;
    }
    const advanced = listOf(s.AdvancedEventSelectors, "AdvancedEventSelectors");
    for (let i = 0; i < advanced.length; i++) {
      const fields = listOf(own(advanced[i], "FieldSelectors"), "FieldSelectors");
      let management = false, narrowed = false;
      for (let k = 0; k < fields.length; k++) {
        const f = fields[k];
        if (!isObject(f)) continue;
        if (f.Field === "eventCategory" && hasAny(listOf(f.Equals), ["Management"])) management = true;
        else if (f.Field === "readOnly") narrowed = true;
      }
      if (management && !narrowed) return true;
    }
    return false;
  }

  const cloudwatch = {
    //: lib.cloudwatch.CIS_FILTERS
    //: The CIS AWS Foundations monitoring requirements by stable name (unauthorizedApiCalls, consoleSignInWithoutMfa, rootUsage, iamPolicyChanges, cloudTrailChanges, consoleAuthFailures, cmkDisableOrDeletion, s3BucketPolicyChanges, configChanges, securityGroupChanges, naclChanges, networkGatewayChanges, routeTableChanges, vpcChanges, organizationsChanges): title, CIS control per version, events, eventSource, extra conditions, and a recommended pattern.
    //: e.g. lib.cloudwatch.CIS_FILTERS.rootUsage.pattern
    CIS_FILTERS,

    //: lib.cloudwatch.filterCovers(filterPattern, name) -> boolean
    //: True when a metric filter's JSON pattern counts every event requirement `name` needs (whitespace, order and quoting do not matter; extra alternatives are fine; a pattern lib cannot read covers nothing).
    //: e.g. lib.cloudwatch.filterCovers(filter.filterPattern, "iamPolicyChanges")
    filterCovers: entry("cloudwatch.filterCovers", filterCovers),

    //: lib.cloudwatch.monitoring(name, { trails, metricFilters, alarms, subscriptions }) -> { met, message, requirement, trail, filter, alarm }
    //: Whether requirement `name` is met by what the signature fetched: a multi-region trail (logging, with all management events, when trails carry `status` from GetTrailStatus and `eventSelectors` from GetEventSelectors) sending to a log group whose metric filter covers it, with an alarm on the filter's metric notifying an SNS topic that has a confirmed subscription (checked when `subscriptions` are given).
    //: e.g. lib.cloudwatch.monitoring("rootUsage", { trails: [trail], metricFilters, alarms, subscriptions }).met
    monitoring: entry("cloudwatch.monitoring", monitoring),
  };

  return deepFreeze(namespace({
    //: lib.iam
    //: IAM policy documents: parse, allows, isAdmin, isPublic, publicStatements, principals.
    iam: namespace(iam),
    //: lib.net
    //: CIDRs and ports, IPv4 and IPv6: isWorld, contains, overlaps, isPrivate, openToWorld, naclOpenToWorld.
    net: namespace(net),
    //: lib.arn
    //: ARNs: parse.
    arn: namespace(arn),
    //: lib.time
    //: Dates: daysSince, daysUntil, parse.
    time: namespace(time),
    //: lib.cloudwatch
    //: CloudWatch metric filters for the CIS monitoring controls: CIS_FILTERS, filterCovers, monitoring.
    cloudwatch: namespace(cloudwatch),
  }));
})();
