import express from 'express';
import { reportRoutes } from './routes/reports';

const app = express();
app.use('/api/reports', reportRoutes);
app.listen(3000);
