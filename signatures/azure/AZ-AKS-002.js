// The API server is private (a private cluster), or public but reachable only from authorized
// IP ranges; a public API server without ranges, or with a world-wide one, is open to all.
module.exports = async function (apiCaller, resource, lib) {
  const access = (((resource.data || {}).properties || {}).apiServerAccessProfile) || {};
  if (access.enablePrivateCluster === true) return { statusSig: true, statusMessage: "A private cluster: the API server has no public endpoint" };
  const ranges = (access.authorizedIPRanges || []).filter((r) => r);
  if (ranges.length === 0) return { statusSig: false, statusMessage: "The API server is public and accepts connections from any address" };
  const world = ranges.filter((r) => { try { return lib.net.isWorld(r.includes("/") ? r : r + "/32"); } catch (e) { return false; } });
  if (world.length) return { statusSig: false, statusMessage: "The API server's authorized ranges include " + world.join(", ") };
  return { statusSig: true, statusMessage: "The API server accepts only " + ranges.length + " authorized IP range(s): " + ranges.slice(0, 5).join(", ") + (ranges.length > 5 ? ", ..." : "") };
};
