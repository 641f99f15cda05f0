// clausemap serve: the one script of the pages (no framework, no inline script). Uploads dropped or chosen
// files and folders to the API, and follows the analysis through its events stream.
/* global document, window, EventSource */
'use strict';

(function () {
  const form = document.getElementById('upload');
  const progress = document.getElementById('progress');
  if (!form || !progress) return;
  const id = form.dataset.portfolio;
  const bar = document.getElementById('progress-bar');
  const text = document.getElementById('progress-text');
  const error = document.getElementById('upload-error');
  let source;

  function follow() {
    if (source) return;
    source = new EventSource('/api/portfolios/' + id + '/events');
    source.addEventListener('progress', function (e) {
      const s = JSON.parse(e.data);
      bar.max = Math.max(1, s.files);
      bar.value = s.analysed;
      bar.textContent = s.analysed + ' of ' + s.files;
      if (s.error) {
        text.textContent = s.error;
      } else if (s.done) {
        text.textContent = 'All ' + s.files + ' files analysed. Loading the report…';
      } else {
        text.textContent = 'Analysing: ' + s.analysed + ' of ' + s.files + ' files.';
      }
      if (s.done || s.error) {
        source.close();
        source = undefined;
        if (s.done) window.location.reload();
      }
    });
  }

  async function upload(files) {
    if (!files.length) return;
    error.textContent = '';
    const body = new FormData();
    for (const f of files) body.append('files', f.file, f.name);
    text.textContent = 'Uploading ' + files.length + ' file' + (files.length === 1 ? '' : 's') + '…';
    progress.dataset.done = 'false';
    try {
      const res = await fetch('/api/portfolios/' + id + '/files', { method: 'POST', body: body });
      if (!res.ok) {
        const j = await res.json().catch(function () {
          return {};
        });
        error.textContent = (j.error && j.error.message) || 'The upload failed (' + res.status + ').';
        text.textContent = '';
        return;
      }
      follow();
    } catch (e) {
      error.textContent = 'The upload failed: ' + e.message;
    }
  }

  const named = function (list) {
    return Array.prototype.map.call(list, function (f) {
      return { file: f, name: f.webkitRelativePath || f.name };
    });
  };
  document.getElementById('file-input').addEventListener('change', function (e) {
    upload(named(e.target.files));
  });
  document.getElementById('folder-input').addEventListener('change', function (e) {
    upload(named(e.target.files));
  });

  // a dropped folder is walked; each file keeps its path inside it as its name
  function walk(entry, prefix, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(
          function (f) {
            out.push({ file: f, name: prefix + f.name });
            resolve();
          },
          function () {
            resolve();
          },
        );
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        const all = [];
        const next = function () {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(
                all.map(function (x) {
                  return walk(x, prefix + entry.name + '/', out);
                }),
              ).then(resolve);
            } else {
              all.push.apply(all, batch);
              next();
            }
          }, resolve);
        };
        next();
      } else resolve();
    });
  }
  form.addEventListener('dragover', function (e) {
    e.preventDefault();
    form.classList.add('over');
  });
  form.addEventListener('dragleave', function () {
    form.classList.remove('over');
  });
  form.addEventListener('drop', async function (e) {
    e.preventDefault();
    form.classList.remove('over');
    const out = [];
    const items = e.dataTransfer.items ? Array.prototype.slice.call(e.dataTransfer.items) : [];
    const entries = items
      .map(function (it) {
        return it.webkitGetAsEntry && it.webkitGetAsEntry();
      })
      .filter(Boolean);
    if (entries.length) await Promise.all(entries.map((en) => walk(en, '', out)));
    else out.push.apply(out, named(e.dataTransfer.files));
    upload(out);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  if (progress.dataset.done !== 'true') follow();
})();
