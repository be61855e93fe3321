// Parses an OPDS 1.x feed (a file path, or standard input) with Readium's r2-opds-js, the parser inside
// Thorium Reader, the way Thorium does: XML → its OPDS 1 model → its OPDS 2 model. Prints what the pytest test
// checks as JSON: the feed's title, navigation, facets, links and each publication's acquisition links.
"use strict";
const fs = require("fs");
require("reflect-metadata");
const { DOMParser } = require("@xmldom/xmldom");
const { initGlobalConverters_OPDS } = require("r2-opds-js/dist/es8-es2017/src/opds/init-globals");
const { initGlobalConverters_GENERIC } = require("r2-shared-js/dist/es8-es2017/src/init-globals");
const { OPDS } = require("r2-opds-js/dist/es8-es2017/src/opds/opds1/opds");
const { Entry } = require("r2-opds-js/dist/es8-es2017/src/opds/opds1/opds-entry");
const { convertOpds1ToOpds2, convertOpds1ToOpds2_EntryToPublication } = require(
  "r2-opds-js/dist/es8-es2017/src/opds/converter",
);
const { XML } = require("r2-utils-js/dist/es8-es2017/src/_utils/xml-js-mapper/xml");
const { TaJsonSerialize } = require("r2-lcp-js/dist/es8-es2017/src/serializable");

initGlobalConverters_OPDS();
initGlobalConverters_GENERIC();

const text = fs.readFileSync(process.argv[2] || 0, "utf8");
const doc = new DOMParser().parseFromString(text, "application/xml");
const isEntry = doc.documentElement.localName === "entry";
if (isEntry) {
  const entry = XML.deserialize(doc, Entry);
  process.stdout.write(JSON.stringify({ entry: TaJsonSerialize(convertOpds1ToOpds2_EntryToPublication(entry)) }));
} else {
  const opds1 = XML.deserialize(doc, OPDS);
  const feed = convertOpds1ToOpds2(opds1);
  process.stdout.write(
    JSON.stringify({
      opds1: {
        title: opds1.Title,
        totalResults: opds1.OpensearchTotalResults,
        itemsPerPage: opds1.OpensearchItemsPerPage,
        links: (opds1.Links || []).map((l) => ({
          rel: l.Rel,
          href: l.Href,
          type: l.Type,
          facetGroup: l.FacetGroup,
          count: l.ThrCount,
        })),
      },
      opds2: TaJsonSerialize(feed),
    }),
  );
}
