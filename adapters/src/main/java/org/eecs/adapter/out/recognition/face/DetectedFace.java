package org.eecs.adapter.out.recognition.face;

/**
 * A face the detector found, in the original image's pixel coordinates.
 *
 * @param x         the box's left edge
 * @param y         the box's top edge
 * @param width     the box's width
 * @param height    the box's height
 * @param score     the detector's confidence, 0..1
 * @param keypoints BlazeFace's 6 keypoints as x0, y0, x1, y1...: the eye that appears on the image's left (the
 *                  person's right eye), the other eye, nose tip, mouth centre, and the two ear tragions
 */
record DetectedFace(double x, double y, double width, double height, double score, double[] keypoints) {

    static final int KEYPOINTS = 6;

    DetectedFace {
        if (keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("BlazeFace gives " + KEYPOINTS + " keypoints, got " + keypoints.length / 2);
        }
        keypoints = keypoints.clone();
    }

    double centreX() {
        return x + width / 2;
    }

    double centreY() {
        return y + height / 2;
    }

    double area() {
        return width * height;
    }

    double keypointX(int index) {
        return keypoints[2 * index];
    }

    double keypointY(int index) {
        return keypoints[2 * index + 1];
    }

    /** The angle of the line from the first eye to the second, in radians, folded into (-pi/2, pi/2]. */
    double eyeLineAngle() {
        double angle = Math.atan2(keypointY(1) - keypointY(0), keypointX(1) - keypointX(0));
        if (angle > Math.PI / 2) {
            angle -= Math.PI;
        } else if (angle <= -Math.PI / 2) {
            angle += Math.PI;
        }
        return angle;
    }

    double intersectionOverUnion(DetectedFace other) {
        double left = Math.max(x, other.x);
        double top = Math.max(y, other.y);
        double right = Math.min(x + width, other.x + other.width);
        double bottom = Math.min(y + height, other.y + other.height);
        double intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
