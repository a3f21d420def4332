// lib.arn: ARNs. A part of lib (see core.js); parseArn serves the other parts.
(function (S) {
  "use strict";
  const { indexOfText, sliceText, charCodeAt, entry, add, namespace } = S;

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

  return { api: namespace(arn), parseArn };
});
