// The portal's pages carry no inline script (their Content-Security-Policy allows none): this marks the page as
// scripted for GOV.UK Frontend and starts its components.
import { initAll } from '/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
