package org.classbot.perception;

import java.util.List;

/**
 * COCO conventions shared by every model: the 80 detection classes (0-based, the order used by
 * CenterNet, YOLOv8/YOLO11 and the TF object-detection API without gaps) with Chinese names for
 * spoken output, and the 17 keypoints (MoveNet / YOLO-pose order; "left" = the subject's left).
 */
public final class Coco {

    public static final int PERSON = 0;

    public static final List<String> LABELS = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
            "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
            "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
            "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
            "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
            "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
            "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
            "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
            "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
            "teddy bear", "hair drier", "toothbrush");

    /** Chinese names, same order as {@link #LABELS}. */
    public static final List<String> LABELS_ZH = List.of(
            "人", "自行车", "汽车", "摩托车", "飞机", "公交车", "火车", "卡车", "船",
            "红绿灯", "消防栓", "停车标志", "停车计时器", "长椅", "鸟", "猫", "狗",
            "马", "羊", "牛", "大象", "熊", "斑马", "长颈鹿", "背包", "雨伞",
            "手提包", "领带", "行李箱", "飞盘", "滑雪板", "单板滑雪板", "球", "风筝",
            "棒球棒", "棒球手套", "滑板", "冲浪板", "网球拍", "瓶子",
            "酒杯", "杯子", "叉子", "刀", "勺子", "碗", "香蕉", "苹果", "三明治", "橙子",
            "西兰花", "胡萝卜", "热狗", "披萨", "甜甜圈", "蛋糕", "椅子", "沙发", "盆栽",
            "床", "餐桌", "马桶", "电视", "笔记本电脑", "鼠标", "遥控器", "键盘", "手机",
            "微波炉", "烤箱", "烤面包机", "水槽", "冰箱", "书", "钟", "花瓶", "剪刀",
            "泰迪熊", "吹风机", "牙刷");

    public static final List<String> KEYPOINTS = List.of(
            "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
            "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip",
            "left_knee", "right_knee", "left_ankle", "right_ankle");

    public static final int NOSE = 0, LEFT_EYE = 1, RIGHT_EYE = 2, LEFT_EAR = 3, RIGHT_EAR = 4,
            LEFT_SHOULDER = 5, RIGHT_SHOULDER = 6, LEFT_ELBOW = 7, RIGHT_ELBOW = 8,
            LEFT_WRIST = 9, RIGHT_WRIST = 10, LEFT_HIP = 11, RIGHT_HIP = 12,
            LEFT_KNEE = 13, RIGHT_KNEE = 14, LEFT_ANKLE = 15, RIGHT_ANKLE = 16;

    private Coco() {
    }

    /** English label of a COCO-80 class id; "class N" outside 0..79. */
    public static String label(int classId) {
        return classId >= 0 && classId < LABELS.size() ? LABELS.get(classId) : "class " + classId;
    }

    /** Chinese label of a COCO-80 class id; the English label outside 0..79. */
    public static String labelZh(int classId) {
        return classId >= 0 && classId < LABELS_ZH.size() ? LABELS_ZH.get(classId) : label(classId);
    }
}
