/*
 * A fake Office.js host for the task pane in a plain browser: the subset of `Office` and `Excel` the pane's gateway
 * uses, with Office.js's batching rules (a property read before load + context.sync() throws, writes take effect at
 * the sync). The harness prepends `window.__LEVY_FAKE__ = {workbook, displayLanguage, settings}` and serves the result
 * in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js.
 *
 * What the page did is kept in `window.__fakeExcel`: syncs, selections, sheets (cells as Excel holds them), writes.
 */
(function () {
  "use strict";
  var config = window.__LEVY_FAKE__ || {};
  var delayMs = config.delayMs || 0;

  /* ---------------------------------------------------------------- the workbook */

  function colLetters(index) {
    var n = index + 1;
    var out = "";
    while (n > 0) {
      var r = (n - 1) % 26;
      out = String.fromCharCode(65 + r) + out;
      n = Math.floor((n - 1) / 26);
    }
    return out;
  }
  function colIndex(letters) {
    var n = 0;
    for (var i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
    return n - 1;
  }
  function parseCell(a1) {
    var m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
    if (!m) throw new Error("fake Excel: bad address " + a1);
    return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
  }
  function parseRange(address) {
    var bang = address.lastIndexOf("!");
    var a = bang >= 0 ? address.slice(bang + 1) : address;
    var parts = a.split(":");
    var s = parseCell(parts[0]);
    var e = parseCell(parts[1] || parts[0]);
    return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
  }
  function blockAddress(row, col, rows, cols) {
    var start = colLetters(col) + (row + 1);
    if (rows <= 1 && cols <= 1) return start;
    return start + ":" + colLetters(col + cols - 1) + (row + rows);
  }
  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }

  var nextSheetId = 1;
  var sheets = [];
  function makeSheet(name) {
    return { name: name, id: "{fake-sheet-" + nextSheetId++ + "}", cells: [], formats: [], bold: [], frozenRows: 0 };
  }
  (config.workbook || []).forEach(function (s) {
    var sheet = makeSheet(s.name);
    var o = parseCell(s.origin || "A1");
    (s.values || []).forEach(function (row, r) {
      row.forEach(function (v, c) {
        setCell(sheet, o.row + r, o.col + c, v, s.numberFormats && s.numberFormats[r] ? s.numberFormats[r][c] : null);
      });
    });
    sheets.push(sheet);
  });
  function setCell(sheet, r, c, value, format) {
    if (!sheet.cells[r]) sheet.cells[r] = [];
    if (!sheet.formats[r]) sheet.formats[r] = [];
    sheet.cells[r][c] = value === null || value === undefined ? "" : value;
    if (format !== undefined) sheet.formats[r][c] = format || "General";
  }
  function getCell(sheet, r, c) {
    var row = sheet.cells[r];
    var v = row ? row[c] : undefined;
    return v === undefined ? "" : v;
  }
  function getFormat(sheet, r, c) {
    var row = sheet.formats[r];
    return (row && row[c]) || "General";
  }
  function usedBounds(sheet) {
    var top = Infinity, left = Infinity, bottom = -1, right = -1;
    sheet.cells.forEach(function (row, r) {
      if (!row) return;
      row.forEach(function (v, c) {
        if (v === "" || v === undefined || v === null) return;
        if (r < top) top = r;
        if (c < left) left = c;
        if (r > bottom) bottom = r;
        if (c > right) right = c;
      });
    });
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
  function findSheet(name) {
    for (var i = 0; i < sheets.length; i++) if (sheets[i].name === name) return sheets[i];
    return null;
  }

  var record = {
    syncs: 0,
    runs: 0,
    selections: [],
    activations: [],
    writes: [],
    suspendCalls: 0,
    /** [start, end] (performance.now) of each round trip the fake host served on the page's main thread. */
    hostBusy: [],
    handlers: [],
    sheets: sheets,
    settings: {},
    /** The cells of a sheet as Excel now holds them (rows trimmed to the used range from A1). */
    sheetValues: function (name) {
      var sheet = findSheet(name);
      if (!sheet) return null;
      var b = usedBounds(sheet);
      if (!b) return [];
      var out = [];
      for (var r = 0; r < b.row + b.rows; r++) {
        var row = [];
        for (var c = 0; c < b.col + b.cols; c++) row.push(getCell(sheet, r, c));
        out.push(row);
      }
      return out;
    },
    sheetNames: function () {
      return sheets.map(function (s) { return s.name; });
    },
    /** Simulates a user's edit: changes a cell and raises worksheets.onChanged. */
    edit: function (sheetName, address, value) {
      var sheet = findSheet(sheetName);
      var p = parseCell(address);
      setCell(sheet, p.row, p.col, value);
      var handlers = record.handlers.slice();
      return Promise.all(handlers.map(function (h) {
        return h({ type: "WorksheetChanged", worksheetId: sheet.id, address: address, source: "Local", changeType: "RangeEdited", triggerSource: "Unknown" });
      }));
    },
  };
  window.__fakeExcel = record;

  /* ---------------------------------------------------------------- proxies with load/sync */

  function notLoaded(name) {
    var e = new Error("The property '" + name + "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.");
    e.code = "PropertyNotLoaded";
    return e;
  }

  function parseLoad(props) {
    if (props === undefined) return ["*"];
    if (Array.isArray(props)) return props;
    if (typeof props === "object") return Object.keys(props);
    return String(props).split(",").map(function (p) { return p.trim(); }).filter(Boolean);
  }

  /** A client object: `compute` gives each scalar property's value at sync time. */
  function ClientObject(ctx, compute, isNull) {
    this._ctx = ctx;
    this._compute = compute;
    this._wanted = {};
    this._loaded = {};
    this._isNull = !!isNull;
    this._synced = false;
    ctx._objects.push(this);
  }
  ClientObject.prototype.load = function (props) {
    var self = this;
    parseLoad(props).forEach(function (p) { self._wanted[p] = true; });
    return this;
  };
  ClientObject.prototype._sync = function () {
    this._synced = true;
    if (this._isNull) return;
    for (var p in this._wanted) {
      if (p === "*") {
        var all = this._compute("*");
        for (var k in all) this._loaded[k] = all[k];
      } else if (p.indexOf("/") < 0) {
        this._loaded[p] = this._compute(p);
      }
    }
  };
  Object.defineProperty(ClientObject.prototype, "isNullObject", {
    get: function () {
      if (!this._synced) throw notLoaded("isNullObject");
      return this._isNull;
    },
  });
  function scalar(proto, name) {
    Object.defineProperty(proto, name, {
      get: function () {
        if (!Object.prototype.hasOwnProperty.call(this._loaded, name)) throw notLoaded(name);
        return this._loaded[name];
      },
      configurable: true,
    });
  }

  /* Range */
  function Range(ctx, sheet, row, col, rows, cols, isNull) {
    var self = this;
    ClientObject.call(this, ctx, function (p) {
      switch (p) {
        case "address": return quoteSheet(sheet.name) + "!" + blockAddress(row, col, rows, cols);
        case "rowIndex": return row;
        case "columnIndex": return col;
        case "rowCount": return rows;
        case "columnCount": return cols;
        case "values": return grid(function (r, c) { return getCell(sheet, r, c); });
        case "numberFormat": return grid(function (r, c) { return getFormat(sheet, r, c); });
        case "formulas": return grid(function (r, c) { return getCell(sheet, r, c); });
        case "text": return grid(function (r, c) { return String(getCell(sheet, r, c)); });
        default: throw new Error("fake Excel: Range." + p + " is not modelled");
      }
    }, isNull);
    function grid(fn) {
      var out = [];
      for (var r = 0; r < rows; r++) {
        var line = [];
        for (var c = 0; c < cols; c++) line.push(fn(row + r, col + c));
        out.push(line);
      }
      return out;
    }
    this._sheet = sheet;
    this._box = { row: row, col: col, rows: rows, cols: cols };
    this.format = {
      font: {},
      autofitColumns: function () {},
    };
    Object.defineProperty(this.format.font, "bold", {
      set: function (v) {
        ctx._ops.push(function () { record.writes.push({ sheet: sheet.name, op: "bold", address: blockAddress(row, col, rows, cols), value: v }); });
      },
    });
    // The template's styles, drop-downs and merges (src/taskpane/template-insert.ts): recorded, not modelled further.
    this.format.fill = {};
    this.dataValidation = {};
    Object.defineProperty(this.format, "columnWidth", {
      set: function (v) {
        ctx._ops.push(function () { record.writes.push({ sheet: sheet.name, op: "columnWidth", address: blockAddress(row, col, rows, cols), value: v }); });
      },
    });
    void self;
  }
  Range.prototype = Object.create(ClientObject.prototype);
  ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "text"].forEach(function (n) { scalar(Range.prototype, n); });
  function writable(name, apply) {
    Object.defineProperty(Range.prototype, name, {
      get: function () {
        if (!Object.prototype.hasOwnProperty.call(this._loaded, name)) throw notLoaded(name);
        return this._loaded[name];
      },
      set: function (value) {
        var self = this;
        var b = this._box;
        if (!Array.isArray(value) || value.length !== b.rows || value.some(function (r) { return !Array.isArray(r) || r.length !== b.cols; })) {
          throw Object.assign(new Error("fake Excel: " + name + " must be a " + b.rows + "×" + b.cols + " array"), { code: "InvalidArgument" });
        }
        this._ctx._ops.push(function () {
          record.writes.push({ sheet: self._sheet.name, op: name, address: blockAddress(b.row, b.col, b.rows, b.cols), rows: b.rows, cols: b.cols });
          for (var r = 0; r < b.rows; r++) for (var c = 0; c < b.cols; c++) apply(self._sheet, b.row + r, b.col + c, value[r][c]);
        });
      },
      configurable: true,
    });
  }
  writable("values", function (sheet, r, c, v) { setCell(sheet, r, c, v); });
  writable("formulas", function (sheet, r, c, v) { setCell(sheet, r, c, v); });
  writable("numberFormat", function (sheet, r, c, v) {
    if (!sheet.formats[r]) sheet.formats[r] = [];
    sheet.formats[r][c] = v;
  });
  Range.prototype.clear = function () {
    var sheet = this._sheet;
    var b = this._box;
    this._ctx._ops.push(function () {
      record.writes.push({ sheet: sheet.name, op: "clear", address: b.rows ? blockAddress(b.row, b.col, b.rows, b.cols) : "(sheet)" });
      if (!b.rows) {
        sheet.cells = [];
        sheet.formats = [];
      } else {
        for (var r = 0; r < b.rows; r++) for (var c = 0; c < b.cols; c++) setCell(sheet, b.row + r, b.col + c, "", "General");
      }
    });
  };
  Range.prototype.merge = function () {
    var sheet = this._sheet;
    var b = this._box;
    this._ctx._ops.push(function () { record.writes.push({ sheet: sheet.name, op: "merge", address: blockAddress(b.row, b.col, b.rows, b.cols) }); });
  };
  Range.prototype.select = function () {
    var sheet = this._sheet;
    var address = this._selectAddress || blockAddress(this._box.row, this._box.col, this._box.rows, this._box.cols);
    this._ctx._ops.push(function () { record.selections.push({ sheet: sheet.name, address: address }); });
  };

  /* Worksheet */
  function Worksheet(ctx, sheet, isNull) {
    ClientObject.call(this, ctx, function (p) {
      switch (p) {
        case "name": return sheet.name;
        case "id": return sheet.id;
        case "visibility": return sheet.visibility || "Visible";
        case "position": return sheets.indexOf(sheet);
        case "*": return { name: sheet.name, id: sheet.id, visibility: sheet.visibility || "Visible", position: sheets.indexOf(sheet) };
        default: throw new Error("fake Excel: Worksheet." + p + " is not modelled");
      }
    }, isNull);
    this._sheet = sheet;
    var self = this;
    this.freezePanes = {
      freezeRows: function (n) {
        ctx._ops.push(function () { sheet.frozenRows = n; });
      },
    };
    // The template's tables, protection and print setup (src/taskpane/template-insert.ts): recorded as writes.
    this.tables = {
      add: function (address, hasHeaders) {
        var table = {};
        ctx._ops.push(function () { record.writes.push({ sheet: sheet.name, op: "table", address: address, hasHeaders: hasHeaders, name: table.name }); });
        return table;
      },
    };
    this.protection = {
      protect: function (options, password) {
        ctx._ops.push(function () { record.writes.push({ sheet: sheet.name, op: "protect", password: password === undefined ? null : "set" }); });
      },
      unprotect: function () {
        ctx._ops.push(function () { record.writes.push({ sheet: sheet.name, op: "unprotect" }); });
      },
    };
    this.pageLayout = { setPrintTitleRows: function () {} };
    void self;
  }
  Worksheet.prototype = Object.create(ClientObject.prototype);
  ["name", "id", "visibility", "position"].forEach(function (n) { scalar(Worksheet.prototype, n); });
  // The filed snapshot's sheet is made veryHidden (src/taskpane/excel-gateway.ts): visibility can be set.
  (function () {
    var get = Object.getOwnPropertyDescriptor(Worksheet.prototype, "visibility").get;
    Object.defineProperty(Worksheet.prototype, "visibility", {
      get: get,
      set: function (v) {
        var sheet = this._sheet;
        this._ctx._ops.push(function () { sheet.visibility = v; record.writes.push({ sheet: sheet.name, op: "visibility", value: v }); });
      },
      configurable: true,
    });
  })();
  Worksheet.prototype.getUsedRangeOrNullObject = function () {
    var b = usedBounds(this._sheet);
    return b ? new Range(this._ctx, this._sheet, b.row, b.col, b.rows, b.cols) : new Range(this._ctx, this._sheet, 0, 0, 0, 0, true);
  };
  Worksheet.prototype.getUsedRange = function () {
    var b = usedBounds(this._sheet) || { row: 0, col: 0, rows: 1, cols: 1 };
    return new Range(this._ctx, this._sheet, b.row, b.col, b.rows, b.cols);
  };
  Worksheet.prototype.getRangeByIndexes = function (row, col, rows, cols) {
    return new Range(this._ctx, this._sheet, row, col, rows, cols);
  };
  Worksheet.prototype.getRange = function (address) {
    if (address === undefined) return new Range(this._ctx, this._sheet, 0, 0, 0, 0);
    var b = parseRange(address);
    return new Range(this._ctx, this._sheet, b.row, b.col, b.rows, b.cols);
  };
  Worksheet.prototype.getRanges = function (address) {
    var first = parseRange(address.split(",")[0]);
    var r = new Range(this._ctx, this._sheet, first.row, first.col, first.rows, first.cols);
    r._selectAddress = address;
    return r;
  };
  Worksheet.prototype.activate = function () {
    var sheet = this._sheet;
    this._ctx._ops.push(function () { record.activations.push(sheet.name); });
  };
  Worksheet.prototype.delete = function () {
    var sheet = this._sheet;
    this._ctx._ops.push(function () {
      record.writes.push({ sheet: sheet.name, op: "delete" });
      sheets.splice(sheets.indexOf(sheet), 1);
    });
  };

  /* WorksheetCollection */
  function WorksheetCollection(ctx) {
    this._ctx = ctx;
    this._itemProps = null;
    this._items = null;
    var self = this;
    this.onChanged = {
      add: function (handler) {
        var result = {
          context: ctx,
          remove: function () {
            ctx._ops.push(function () {
              var i = record.handlers.indexOf(handler);
              if (i >= 0) record.handlers.splice(i, 1);
            });
          },
        };
        ctx._ops.push(function () { record.handlers.push(handler); });
        return result;
      },
    };
    ctx._objects.push({
      _sync: function () {
        if (!self._itemProps) return;
        var props = self._itemProps;
        self._items = sheets.map(function (s) {
          var ws = new Worksheet(ctx, s);
          ws.load(props);
          ws._sync();
          return ws;
        });
      },
    });
  }
  WorksheetCollection.prototype.load = function (props) {
    var list = parseLoad(props).map(function (p) { return p.replace(/^items\//, ""); });
    this._itemProps = (this._itemProps || []).concat(list.length && list[0] !== "items" ? list : ["*"]);
    return this;
  };
  Object.defineProperty(WorksheetCollection.prototype, "items", {
    get: function () {
      if (!this._items) throw notLoaded("items");
      return this._items;
    },
  });
  WorksheetCollection.prototype.getItem = function (name) {
    var sheet = findSheet(name);
    if (!sheet) throw Object.assign(new Error("fake Excel: no sheet named " + name), { code: "ItemNotFound" });
    return new Worksheet(this._ctx, sheet);
  };
  WorksheetCollection.prototype.getItemOrNullObject = function (name) {
    var sheet = findSheet(name);
    return sheet ? new Worksheet(this._ctx, sheet) : new Worksheet(this._ctx, makeSheet(name), true);
  };
  WorksheetCollection.prototype.add = function (name) {
    var sheet = makeSheet(name);
    this._ctx._ops.push(function () {
      record.writes.push({ sheet: name, op: "add" });
      sheets.push(sheet);
    });
    return new Worksheet(this._ctx, sheet);
  };

  /* RequestContext */
  function RequestContext() {
    this._objects = [];
    this._ops = [];
    var ctx = this;
    var tables = { items: [], load: function () { return tables; } };
    this.workbook = {
      worksheets: new WorksheetCollection(ctx),
      tables: tables,
      comments: { add: function () {} },
      application: {
        suspendApiCalculationUntilNextSync: function () {
          ctx._ops.push(function () { record.suspendCalls++; });
        },
      },
    };
    this.application = this.workbook.application;
  }
  RequestContext.prototype.sync = function () {
    var ctx = this;
    record.syncs++;
    return new Promise(function (resolve, reject) {
      setTimeout(function () {
        var started = performance.now();
        try {
          // Writes in the order they were queued, then loads (Office.js runs the batch in order; loads here are reads).
          var ops = ctx._ops;
          ctx._ops = [];
          ops.forEach(function (op) { op(); });
          ctx._objects.slice().forEach(function (o) { o._sync(); });
          resolve();
        } catch (e) {
          reject(e);
        } finally {
          // Time the fake host spent on the page's thread (real Excel does this work in its own process).
          record.hostBusy.push([started, performance.now()]);
        }
      }, delayMs);
    });
  };

  window.Excel = {
    RequestContext: RequestContext,
    run: function (a, b) {
      record.runs++;
      var batch = typeof a === "function" ? a : b;
      var ctx = typeof a === "function" ? new RequestContext() : a;
      return Promise.resolve().then(function () { return batch(ctx); });
    },
  };

  /* ---------------------------------------------------------------- Office */

  var settingsStore = Object.assign({}, config.settings || {});
  record.settings = settingsStore;
  var readyInfo = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      displayLanguage: config.displayLanguage || "zh-CN",
      // Requirement sets: every set is supported unless the test lists the ones that are not.
      requirements: { isSetSupported: function (name, version) { return (config.unsupportedSets || []).indexOf(name + " " + version) < 0; } },
      // The Office theme (body/control colours), when the test gives one. With config.officeThemes the theme changes
      // between reads (the user switching the Office theme while the pane is open): read n gets entry n (the last one
      // from then on); record.themeReads counts the reads.
      get officeTheme() {
        record.themeReads = (record.themeReads || 0) + 1;
        var seq = config.officeThemes;
        if (seq && seq.length) return seq[Math.min(record.themeReads - 1, seq.length - 1)];
        return config.officeTheme || undefined;
      },
      document: {
        settings: {
          get: function (key) { return Object.prototype.hasOwnProperty.call(settingsStore, key) ? JSON.parse(JSON.stringify(settingsStore[key])) : null; },
          set: function (key, value) { settingsStore[key] = JSON.parse(JSON.stringify(value)); },
          remove: function (key) { delete settingsStore[key]; },
          saveAsync: function (options, callback) {
            var cb = typeof options === "function" ? options : callback;
            setTimeout(function () { if (cb) cb({ status: "succeeded", value: undefined }); }, 0);
          },
        },
      },
    },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) callback(readyInfo);
          resolve(readyInfo);
        }, 0);
      });
    },
  };
})();
