// Test page driver: renders the entries of the history JSON named in the query string and marks them with the real
// verifier, as the portal page will.
import { ed25519Supported, markPage } from '/history-verifier.js'

const name = new URLSearchParams(location.search).get('page')
const page = await (await fetch('/' + name + '.json')).json()
const list = document.getElementById('entries')
page.entries.forEach((entry, index) => {
  const item = document.createElement('li')
  item.dataset.entryIndex = String(index)
  item.dataset.kind = entry.kind
  item.dataset.event = entry.access ? entry.access.event_id : ''
  const mark = document.createElement('span')
  mark.dataset.verification = ''
  item.append(mark)
  list.append(item)
})
document.body.dataset.ed25519 = String(await ed25519Supported(Uint8Array.from(atob(page.public_key.key), c => c.charCodeAt(0))))
await markPage(document.body, page, page.next !== null && page.next !== undefined)
document.body.dataset.done = 'true'
