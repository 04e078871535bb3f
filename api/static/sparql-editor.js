/* The query editor page: YASGUI against this service's /sparql, the named queries as examples.
 *
 * Reads the examples from the JSON in #example-data (written by api/routes/ui.py), lists them in
 * #example-list (a click opens one in a new tab) and opens the first tab with the "counts" query
 * when YASGUI has no saved tabs. If the YASGUI script did not load (offline without the local
 * build), the examples are still listed, as plain text, and #status says why.
 */
(function () {
  "use strict";

  var body = document.body;
  var endpoint = new URL(body.getAttribute("data-endpoint") || "/sparql", window.location.href).href;
  var status = document.getElementById("status");
  var list = document.getElementById("example-list");
  var examples = JSON.parse(document.getElementById("example-data").textContent);

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "status error" : "status";
  }

  if (typeof window.Yasgui === "undefined") {
    say("The YASGUI script could not be loaded (" +
        (body.getAttribute("data-assets") === "cdn" ? "the CDN is out of reach" : "the local copy is missing") +
        "): the named queries are shown as text; POST them to " + endpoint + ".", true);
    examples.forEach(function (example) {
      var item = document.createElement("li");
      var title = document.createElement("strong");
      var text = document.createElement("pre");
      title.textContent = example.title;
      text.textContent = example.text;
      item.appendChild(title);
      item.appendChild(text);
      list.appendChild(item);
    });
    return;
  }

  var yasgui = new window.Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
    },
    persistenceId: "interreg-kg-sparql",
    populateFromUrl: true,
  });
  window.interregYasgui = yasgui;  // for the browser test and for curious users

  // an example already open in a tab is selected again (with whatever was edited in it)
  function open(example) {
    var taken = yasgui.tabNameTaken(example.title);
    if (taken) {
      yasgui.selectTabId(taken.getId());
      return taken;
    }
    var tab = yasgui.addTab(true, { name: example.title, yasqe: { value: example.text } });
    tab.setQuery(example.text);
    tab.setEndpoint(endpoint);
    return tab;
  }

  examples.forEach(function (example) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    var name = document.createElement("span");
    button.type = "button";
    button.textContent = example.title;
    button.title = example.description + (example.parameters.length ? "\nParameters: " +
      example.parameters.map(function (p) {
        return p.name + " (" + p.type + (p.default === null ? "" : ", default " + p.default) + ")";
      }).join(", ") : "");
    button.setAttribute("data-query", example.name);
    name.className = "name";
    name.textContent = example.name + ".rq";
    button.appendChild(name);
    button.addEventListener("click", function () { open(example); });
    item.appendChild(button);
    list.appendChild(item);
  });

  // a fresh editor (nothing saved in this browser) starts on the overview query, not YASGUI's default
  var current = yasgui.getTab();
  var start = examples.filter(function (e) { return e.name === "counts"; })[0] || examples[0];
  if (current && start && yasgui.persistentConfig.getTabs().length <= 1 &&
      /\?sub \?pred \?obj/.test(current.getQuery())) {
    current.setQuery(start.text);
    current.setName(start.title);
  }
  yasgui.on("queryResponse", function () { say(""); });
})();
