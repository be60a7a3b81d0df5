import { mountPage } from '../../components/common/mount';
import { WelcomeApp } from '../../components/welcome/WelcomeApp';

mountPage(<WelcomeApp />);
