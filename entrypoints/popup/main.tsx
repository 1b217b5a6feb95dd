import { render } from 'preact';
import { localizePage } from '../../components/i18n';
import { App } from '../../components/popup/App';
import { openPopup } from '../../components/popup/open';
import '../../components/theme.css';

// The first screen's data is asked for before anything renders, so the two run side by side.
const opening = openPopup();
localizePage('extName');

const root = document.getElementById('app');
if (root) render(<App opening={opening} />, root);
