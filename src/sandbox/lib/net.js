// lib.net: CIDRs and ports, IPv4 and IPv6. A part of lib (see core.js for the rules every
// part follows); internals parseCidr, cidrContains and isWorldCidr serve the other parts.
(function (S) {
  "use strict";
  const { freeze, hasOwn, isArray, sortList, toLower, indexOfText, sliceText, charCodeAt, trimText,
    isFiniteNumber, isInteger, BigIntOf, StringOf, NumberOf, fail, failType, own, describe, entry, add,
    listOf, requireArray, isObject, lazy, namespace } = S;

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
  const privateRanges = lazy(() => {
    const ranges = [];
    for (let i = 0; i < PRIVATE_RANGES.length; i++) add(ranges, parseCidr(PRIVATE_RANGES[i], "range"));
    return ranges;
  });

  const isWorldCidr = (c) => c.prefix === 0;

  // IANA protocol numbers for the names EC2 and Azure network security groups use.
  const PROTOCOL_NUMBERS = freeze({ all: "-1", "-1": "-1", "*": "-1", tcp: "6", udp: "17", icmp: "1", icmpv6: "58", esp: "50", ah: "51" });
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

  // The entries of `rules` ([{ entry, number, v6, protocol, allow, from, to }], each about the
  // whole world) whose allow lets the world reach a `wanted` port (none: any), taken in
  // number order: a lower-numbered deny wins, and denies of adjacent ranges add up.
  // `onlyProtocol` ("6", "17", ...; "": TCP and UDP) narrows what a rule of every protocol opens.
  function openInOrder(rules, wanted, onlyProtocol) {
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
      // What this allow opens: the wanted ports it reaches (over TCP and UDP, or the one
      // protocol asked, for a rule of every protocol), or its whole range when no port is asked for.
      const protocols = r.protocol === "-1" && (wanted.length || onlyProtocol) ? (onlyProtocol ? [onlyProtocol] : ["6", "17"]) : [r.protocol];
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
      const ranges = privateRanges();
      for (let i = 0; i < ranges.length; i++) if (cidrContains(ranges[i], c)) return true;
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
      return openInOrder(rules, wanted, "");
    }),

    //: lib.net.nsgOpenToInternet(securityRules, ports = [], protocol = "*") -> [rule]
    //: The inbound Allow rules of an Azure network security group (its securityRules, and defaultSecurityRules if given, as Resource Manager lists them) that let the Internet (*, Internet, Any, 0.0.0.0/0, ::/0) reach any of `ports` over `protocol` (Tcp, Udp, or * for either), in priority order: a higher-priority deny of the Internet wins.
    //: e.g. lib.net.nsgOpenToInternet(nsg.properties.securityRules, [22]).map((r) => r.name)
    nsgOpenToInternet: entry("net.nsgOpenToInternet", (securityRules, ports, protocol) => {
      const list = requireArray(securityRules, "securityRules");
      const wanted = portRanges(ports, "ports");
      const only = protocol === undefined || protocol === null ? "-1" : protocolNumber(protocol);
      if (only !== "-1" && !carriesPorts(only)) fail("protocol must be Tcp, Udp or *, got " + describe(protocol));
      const rules = [];
      for (let i = 0; i < list.length; i++) {
        const rule = list[i];
        const where = "securityRules[" + i + "]";
        if (!isObject(rule)) failType(where + " is " + describe(rule) + ", not a security rule");
        const p = isObject(own(rule, "properties")) ? own(rule, "properties") : rule;  // as listed, or its properties
        if (toLower(StringOf(own(p, "direction"))) !== "inbound") continue;
        // Only rules about the whole Internet decide for it (as in a network ACL).
        const sources = [];
        if (own(p, "sourceAddressPrefix") !== undefined) add(sources, own(p, "sourceAddressPrefix"));
        const more = listOf(own(p, "sourceAddressPrefixes"), where + ".sourceAddressPrefixes");
        for (let k = 0; k < more.length; k++) add(sources, more[k]);
        let v4 = false, v6 = false;
        for (let k = 0; k < sources.length; k++) {
          const source = toLower(StringOf(sources[k]));
          if (source === "*" || source === "internet" || source === "any") v4 = v6 = true;
          else if (indexOfText(source, "/") >= 0 || indexOfText(source, ".") >= 0 || indexOfText(source, ":") >= 0) {
            const cidr = parseCidr(StringOf(sources[k]), where + ".sourceAddressPrefix");
            if (isWorldCidr(cidr)) cidr.v6 ? (v6 = true) : (v4 = true);
          }
        }
        if (!v4 && !v6) continue;
        const ruleProtocol = protocolNumber(own(p, "protocol"));
        if (only !== "-1" && ruleProtocol !== "-1" && ruleProtocol !== only) continue;
        const number = own(p, "priority");
        if (typeof number !== "number" || !isFiniteNumber(number)) failType(where + ".priority is " + describe(number) + ", not a number");
        const ranges = [];
        if (own(p, "destinationPortRange") !== undefined) add(ranges, own(p, "destinationPortRange"));
        const moreRanges = listOf(own(p, "destinationPortRanges"), where + ".destinationPortRanges");
        for (let k = 0; k < moreRanges.length; k++) add(ranges, moreRanges[k]);
        if (ranges.length === 0) add(ranges, "*");
        const allow = toLower(StringOf(own(p, "access"))) === "allow";
        for (let k = 0; k < ranges.length; k++) {
          const text = trimText(StringOf(ranges[k]));
          let from = 0, to = 65535;
          if (text !== "*") {
            const dash = indexOfText(text, "-");
            from = NumberOf(dash < 0 ? text : sliceText(text, 0, dash));
            to = dash < 0 ? from : NumberOf(sliceText(text, dash + 1));
            if (!isInteger(from) || !isInteger(to) || from < 0 || to > 65535 || from > to)
              fail(where + " has the port range '" + text + "', not a port, a range like 20-30, or *");
          }
          if (v4) add(rules, { entry: rule, number, v6: false, protocol: ruleProtocol, allow, from, to });
          if (v6) add(rules, { entry: rule, number, v6: true, protocol: ruleProtocol, allow, from, to });
        }
      }
      const open = openInOrder(rules, wanted, only === "-1" ? "" : only);
      const out = [];  // each rule once, though it may open several ranges
      for (let i = 0; i < open.length; i++) {
        let seen = false;
        for (let k = 0; k < out.length && !seen; k++) seen = out[k] === open[i];
        if (!seen) add(out, open[i]);
      }
      return out;
    }),
  };

  return { api: namespace(net), parseCidr, cidrContains, isWorldCidr };
});
