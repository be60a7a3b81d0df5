import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/common/base.css';

createRoot(document.getElementById('root') as HTMLElement).render(<PopupApp />);
