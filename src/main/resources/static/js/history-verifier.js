// Checks a person's access history in the browser, with WebCrypto only, against the transparency log's contract
// (docs/transparency.md): the leaf recomputed from the event and its salt, the inclusion proof to the signed tree head
// (RFC 9162 2.1.3.2), the head's Ed25519 signature over the RFC 6962 TreeHeadSignature, and the person's chain of
// sequence numbers. An entry is "verified" only when every check passed; nothing here trusts the page's own words.

const EVENT_TYPES = {
  access: 1, configuration: 2, consent: 3, authority: 4, withholding: 5, 'break-glass': 6, token: 7,
  'person-index': 8, relationship: 9, review: 10, 'service-request': 12, protection: 13
}

function bytes (base64) {
  const text = atob(base64)
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

function concat (...parts) {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) { out.set(part, at); at += part.length }
  return out
}

function uint64 (value) {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(value))
  return out
}

function same (a, b) {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

async function sha256 (data) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data))
}

/** The leaf input of the contract: 0x01, timestamp (uint64), event type (uint16), SHA-256(salt || event). */
export async function leafInput (timestamp, eventType, salt, event) {
  const commitment = await sha256(concat(salt, new TextEncoder().encode(event)))
  return concat(new Uint8Array([1]), uint64(timestamp), new Uint8Array([eventType >> 8, eventType & 0xff]), commitment)
}

/** RFC 9162 section 2.1.3.2: the root the audit path leads to from the leaf, or null when the path has a wrong length. */
export async function rootFromPath (leafHash, index, treeSize, path) {
  if (index < 0 || index >= treeSize) return null
  let fn = BigInt(index)
  let sn = BigInt(treeSize) - 1n
  let r = leafHash
  for (const p of path) {
    if (sn === 0n) return null
    if ((fn & 1n) === 1n || fn === sn) {
      r = await sha256(concat(new Uint8Array([1]), p, r))
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n }
    } else {
      r = await sha256(concat(new Uint8Array([1]), r, p))
    }
    fn >>= 1n
    sn >>= 1n
  }
  return sn === 0n ? r : null
}

/** Whether this browser's WebCrypto verifies Ed25519; without it nothing can be marked verified. */
export async function ed25519Supported (publicKeyDer) {
  try {
    await crypto.subtle.importKey('spki', publicKeyDer, { name: 'Ed25519' }, false, ['verify'])
    return true
  } catch (e) {
    return false
  }
}

/** Checks the tree head's signature (TLS DigitallySigned 0x08 0x07, length 64) by the key; returns the problem or null. */
export async function checkTreeHead (head, publicKey) {
  if (!head) return 'there is no signed tree head yet'
  const der = bytes(publicKey.key)
  const keyId = btoa(String.fromCharCode(...await sha256(der)))
  if (keyId !== publicKey.key_id) return 'the key id is not the SHA-256 of the key'
  if (head.key_id && head.key_id !== keyId) return 'the tree head names another key'
  let key
  try {
    key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify'])
  } catch (e) {
    return 'this browser cannot check Ed25519 signatures'
  }
  const signature = bytes(head.tree_head_signature)
  if (signature.length !== 68 || signature[0] !== 8 || signature[1] !== 7 || signature[2] !== 0 ||
      signature[3] !== 64) return 'the tree head signature is not a DigitallySigned Ed25519 signature'
  const root = bytes(head.sha256_root_hash)
  if (root.length !== 32) return 'the root hash is not 32 bytes long'
  const signed = concat(new Uint8Array([0, 1]), uint64(head.timestamp), uint64(head.tree_size), root)
  const holds = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature.slice(4), signed)
  return holds ? null : 'the tree head signature does not hold for the log key'
}

/** The problems of one shown entry against the (already checked) tree head; an empty list when it verifies. */
export async function checkEntry (entry, head) {
  const problems = []
  const proof = entry.proof
  if (!proof || !proof.leaf_input || !proof.audit_path || !entry.chain) {
    return ['the entry is not yet in a signed tree head']
  }
  let event
  try {
    event = JSON.parse(proof.event)
  } catch (e) {
    return ['the event is not JSON']
  }
  if (EVENT_TYPES[event.type] !== proof.event_type) problems.push('the event type does not match the event')
  if (Date.parse(event.time) !== proof.timestamp) problems.push('the time does not match the event')
  const access = entry.access || {}
  if (event.time && access.time && Date.parse(access.time) !== Date.parse(event.time)) {
    problems.push('the time shown is not the event\'s')
  }
  const what = event.what || {}
  const why = event.why || {}
  if (JSON.stringify(what.categories || []) !== JSON.stringify(access.categories || [])) {
    problems.push('the categories shown are not the event\'s')
  }
  if ((why.purpose || null) !== (access.purpose || null)) problems.push('the purpose shown is not the event\'s')
  if (((event.who || {}).agency || null) !== (access.agency || null)) problems.push('the agency shown is not the event\'s')
  const whom = event.whom || {}
  if (whom.seq !== entry.chain.seq || (whom.previous ?? null) !== (entry.chain.previous_leaf ?? null) ||
      whom.person !== entry.chain.person) {
    problems.push('the chain shown is not the event\'s')
  }
  const salt = bytes(proof.salt)
  if (salt.length !== 16) problems.push('the salt is not 16 bytes long')
  const recomputed = await leafInput(proof.timestamp, proof.event_type, salt, proof.event)
  if (!same(recomputed, bytes(proof.leaf_input))) problems.push('the leaf does not match the event and its salt')
  const leafHash = await sha256(concat(new Uint8Array([0]), recomputed))
  const root = await rootFromPath(leafHash, entry.chain.leaf_index, head.tree_size, proof.audit_path.map(bytes))
  if (!root || !same(root, bytes(head.sha256_root_hash))) {
    problems.push('the inclusion proof does not lead to the signed root')
  }
  return problems
}

/**
 * The chain's problems for every entry with a link: each sequence number's predecessor must be present with the leaf
 * its successor names, unless older pages remain to be loaded. Returns a map from entry to its chain problem.
 */
export function checkChains (entries, morePages) {
  const problems = new Map()
  const byPerson = new Map()
  for (const entry of entries) {
    if (!entry.chain) continue
    const chain = byPerson.get(entry.chain.person) || new Map()
    if (chain.has(entry.chain.seq)) problems.set(entry, 'two events claim the same place in the chain')
    chain.set(entry.chain.seq, entry)
    byPerson.set(entry.chain.person, chain)
  }
  for (const chain of byPerson.values()) {
    const lowest = Math.min(...chain.keys())
    for (const [seq, entry] of chain) {
      if (seq === 1) {
        if (entry.chain.previous_leaf !== null && entry.chain.previous_leaf !== undefined) {
          problems.set(entry, 'the first event names a previous one')
        }
        continue
      }
      const before = chain.get(seq - 1)
      if (!before) {
        if (!(morePages && seq === lowest)) problems.set(entry, 'an event of the chain is missing before this one')
      } else if (before.chain.leaf_index !== entry.chain.previous_leaf) {
        problems.set(entry, 'the previous event is not the one this one names')
      }
    }
  }
  return problems
}

/**
 * Checks a page of the history JSON and returns, for each entry, {verified, problems}; an entry that is not shown is
 * never verified, and none is when the head fails.
 */
export async function verifyPage (page, morePages) {
  const headProblem = await checkTreeHead(page.tree_head, page.public_key)
  const chains = checkChains(page.entries, morePages)
  const results = []
  for (const entry of page.entries) {
    if (entry.kind !== 'shown') { results.push({ verified: false, problems: ['not shown'] }); continue }
    const problems = headProblem ? [headProblem] : await checkEntry(entry, page.tree_head)
    if (chains.has(entry)) problems.push(chains.get(entry))
    results.push({ verified: problems.length === 0, problems })
  }
  return results
}

/** Marks each element [data-entry-index] under the root with the result of its entry; shows the key id. */
export async function markPage (root, page, morePages) {
  const results = await verifyPage(page, morePages)
  const keyId = root.querySelector('[data-log-key-id]')
  if (keyId) keyId.textContent = page.public_key.key_id
  for (const element of root.querySelectorAll('[data-entry-index]')) {
    const result = results[Number(element.dataset.entryIndex)]
    const mark = element.querySelector('[data-verification]') || element
    mark.textContent = result && result.verified ? 'verified' : 'not verified'
    mark.dataset.verification = result && result.verified ? 'verified' : 'not-verified'
    if (result && !result.verified) mark.title = result.problems.join('; ')
  }
  return results
}
