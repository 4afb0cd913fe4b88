// Checks the history page's entries in the browser, against the proofs the page carries for each reading it made
// (history-verifier.js), and marks each entry "verified" or "not verified". Without this script nothing is marked.
import { markPage } from '/js/history-verifier.js'

async function check () {
  let key = null
  for (const block of document.querySelectorAll('[data-history-page]')) {
    const page = JSON.parse(block.dataset.historyPage)
    await markPage(block, page, block.dataset.more === 'true')
    key = page.public_key.key_id
  }
  for (const mark of document.querySelectorAll('[data-verification]')) {
    if (!mark.textContent) continue
    mark.classList.add(mark.dataset.verification === 'verified' ? 'govuk-tag--green' : 'govuk-tag--red')
    mark.hidden = false
  }
  if (key) {
    document.querySelector('[data-log-key-id]').textContent = key
    document.getElementById('log-key').hidden = false
  }
}

check().finally(() => { document.body.dataset.historyChecked = 'true' })
