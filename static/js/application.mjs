// Children Missing Education – page JavaScript (loaded as an ES module).
//
// Our Content Security Policy forbids inline scripts, so the class-adding
// snippet from the GOV.UK Frontend page template lives here instead. Module
// scripts only run in browsers that GOV.UK Frontend supports, which is exactly
// what the template's `'noModule' in HTMLScriptElement.prototype` test checks.
// Components refuse to initialise unless <body> has `govuk-frontend-supported`.
import { initAll } from '../govuk/govuk-frontend.min.js'
import { initSessionTimeout } from './session-timeout.mjs'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

initAll()
initSessionTimeout()
