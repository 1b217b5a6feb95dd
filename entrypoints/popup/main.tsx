import { render } from 'preact';
import { localizePage } from '../../components/i18n';
import { App } from '../../components/popup/App';
import '../../components/theme.css';

localizePage('extName');

const root = document.getElementById('app');
if (root) render(<App />, root);
